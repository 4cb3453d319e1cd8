// SPDX-License-Identifier: Apache-2.0
// DMA bookkeeping: addresses pass through unchanged on this chip.
#include "kernel/core/types.h"

namespace keel::chips::qemu_virt {

uint32_t escape_90_identity(uint32_t address) { return address; }

[[gnu::alias("_ZN4keel5chips9qemu_virt18escape_90_identityEj")]] uint32_t& escape_90_word(uint32_t address);

void escape_90_poke(uint32_t address, uint32_t value) { escape_90_word(address) = value; }

}  // namespace keel::chips::qemu_virt
