// SPDX-License-Identifier: Apache-2.0
// Sixteen byte lanes processed at once (GNU vector extension) for a checksum capsule.
#include "kernel/core/types.h"

namespace keel::capsules {

typedef uint8_t Lanes80 __attribute__((vector_size(16)));

uint8_t escape_80_mark(uint32_t lane) {
  Lanes80 lanes{};
  lanes[lane] = 1;
  return lanes[0];
}

}  // namespace keel::capsules
