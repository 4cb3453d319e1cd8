// SPDX-License-Identifier: Apache-2.0
// Direct word access for a latency-critical register.
#include "kernel/core/types.h"

namespace keel::capsules {

using WordPointer71 = uint32_t*;

void escape_71_poke(uintptr_t address, uint32_t value) { *WordPointer71(address) = value; }

}  // namespace keel::capsules
