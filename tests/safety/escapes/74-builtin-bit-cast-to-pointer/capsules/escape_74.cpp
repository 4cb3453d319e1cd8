// SPDX-License-Identifier: Apache-2.0
// Direct word access for a latency-critical register.
#include "kernel/core/types.h"

namespace keel::capsules {

void escape_74_poke(uintptr_t address, uint32_t value) { *__builtin_bit_cast(uint32_t*, address) = value; }

}  // namespace keel::capsules
