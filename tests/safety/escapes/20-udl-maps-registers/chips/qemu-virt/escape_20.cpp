// SPDX-License-Identifier: Apache-2.0
// `0x1000'0000_register` names a 32-bit device register: shorter driver code.
#include "kernel/core/mmio.h"
#include "kernel/core/registers.h"

namespace keel::chips::qemu_virt {

mmio::ReadWrite<uint32_t>& operator""_register(unsigned long long address) {
  return mmio::map_registers<mmio::ReadWrite<uint32_t>>(static_cast<uintptr_t>(address));
}

void escape_20_poke(uint32_t value) { (0x8020'0010_register).set(value); }

}  // namespace keel::chips::qemu_virt
