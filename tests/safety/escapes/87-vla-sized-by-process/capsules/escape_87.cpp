// SPDX-License-Identifier: Apache-2.0
// Scratch space sized to the request (the kernel has no heap).
#include "kernel/core/types.h"

namespace keel::capsules {

uint8_t escape_87_scratch(uint32_t length, uint8_t seed) {
  uint8_t scratch[length];
  scratch[0] = seed;
  return scratch[0];
}

}  // namespace keel::capsules
