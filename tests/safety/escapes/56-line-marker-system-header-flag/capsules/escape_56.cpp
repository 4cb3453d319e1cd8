// SPDX-License-Identifier: Apache-2.0
// Generated register accessors follow.
#include "kernel/core/types.h"
# 1 "escape_56_generated.h" 1 3
namespace keel::capsules {

void escape_56_poke(uintptr_t address, uint32_t value) { *(uint32_t*)address = value; }

}  // namespace keel::capsules
