// SPDX-License-Identifier: Apache-2.0
// Device word writes on the RISC-V board; other targets have no such device.
#include "kernel/core/types.h"

namespace keel::chips::qemu_virt {

void escape_60_write([[maybe_unused]] uintptr_t address, [[maybe_unused]] uint32_t value) {
#if defined(__riscv)
  *(uint32_t*)address = value;
#endif
}

}  // namespace keel::chips::qemu_virt
