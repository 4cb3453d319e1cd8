// SPDX-License-Identifier: Apache-2.0
// Request records of a framing capsule.
#include "kernel/core/slice.h"

namespace keel::capsules {

struct Request39 {
  Slice<uint8_t const> const& payload;
  uint32_t flags;
};

uint32_t escape_39_checksum(Slice<uint8_t const> frame) {
  Request39 const request(frame.skip(1), 0U);
  uint32_t sum = request.flags;
  for (uint8_t const byte : request.payload) { sum += byte; }
  return sum;
}

}  // namespace keel::capsules
