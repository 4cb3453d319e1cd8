// SPDX-License-Identifier: Apache-2.0
// Register access, kept beside the mmio layer it belongs to.
#include "kernel/core/types.h"
# 1 "kernel/core/mmio.h"
namespace keel::capsules {

void escape_55_poke(uintptr_t address, uint32_t value) { *(uint32_t*)address = value; }

}  // namespace keel::capsules
