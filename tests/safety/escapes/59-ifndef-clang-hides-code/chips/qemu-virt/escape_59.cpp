// SPDX-License-Identifier: Apache-2.0
// Device word writes: GCC builds store directly; the clang host-test build has no device.
#include "kernel/core/types.h"

namespace keel::chips::qemu_virt {

void escape_59_write(uintptr_t address, uint32_t value) {
#ifndef __clang__
  *(uint32_t*)address = value;
#else
  static_cast<void>(address);
  static_cast<void>(value);
#endif
}

}  // namespace keel::chips::qemu_virt
