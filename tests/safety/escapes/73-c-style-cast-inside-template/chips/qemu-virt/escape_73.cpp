// SPDX-License-Identifier: Apache-2.0
// Register blocks at compile-time addresses.
#include "kernel/core/registers.h"

namespace keel::chips::qemu_virt {

template <typename Block, uintptr_t Address> Block& escape_73_block() { return *(Block*)Address; }

void escape_73_reset() { escape_73_block<mmio::ReadWrite<uint32_t>, 0x8020'0000>().set(0); }

}  // namespace keel::chips::qemu_virt
