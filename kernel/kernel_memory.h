// SPDX-License-Identifier: Apache-2.0
// What a board's linker script says about the kernel's own memory (kernel/linker_regions.h reads it), for the
// process console's `kernel`.
#pragma once

#include "kernel/core/types.h"

namespace keel {

struct KernelMemory {
  uint32_t data_and_bss = 0;  // the kernel's static data (the process table included)
  uint32_t stack = 0;
  uint32_t process_ram = 0;  // the region processes' RAM blocks come from
};

}  // namespace keel
