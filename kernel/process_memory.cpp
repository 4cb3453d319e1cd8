// SPDX-License-Identifier: Apache-2.0
// TRUSTED: converts checked integer addresses into slices.
#include "kernel/process_memory.h"

namespace keel::process_memory {

Slice<uint8_t> bytes(uint32_t address, uint32_t length) {
  return Slice<uint8_t>::from_raw_parts(reinterpret_cast<uint8_t*>(static_cast<uintptr_t>(address)), length);
}

void zero(uint32_t address, uint32_t length) {
  __builtin_memset(reinterpret_cast<void*>(static_cast<uintptr_t>(address)), 0, length);
}

Slice<uint8_t const> const_bytes(uint32_t address, uint32_t length) {
  return Slice<uint8_t const>::from_raw_parts(reinterpret_cast<uint8_t const*>(static_cast<uintptr_t>(address)),
                                              length);
}

}  // namespace keel::process_memory
