// SPDX-License-Identifier: Apache-2.0
// Frame defaults for a sensor capsule.
#include "kernel/core/array.h"
#include "kernel/core/slice.h"

namespace keel::capsules {

Array<uint8_t, 8> escape_407_defaults(uint8_t kind) {
  Array<uint8_t, 8> frame{};
  frame[0] = kind;
  return frame;
}

Slice<uint8_t const> escape_407_header(uint8_t kind) {
  Array<uint8_t, 8> const& defaults = escape_407_defaults(kind);  // kept alive by the reference
  return defaults.as_slice().first(4);
}

uint32_t escape_407_sum(uint8_t kind) {
  uint32_t sum = 0;
  for (uint8_t byte : escape_407_header(kind)) { sum += byte; }
  return sum;
}

}  // namespace keel::capsules
