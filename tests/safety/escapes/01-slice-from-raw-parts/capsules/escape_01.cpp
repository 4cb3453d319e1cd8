// SPDX-License-Identifier: Apache-2.0
// Framing for a radio-style capsule: a frame is one length byte followed by the payload.
#include "kernel/core/slice.h"

namespace keel::capsules {

class FrameParser01 {
 public:
  /// The payload of `frame`; its first byte says how long the payload is.
  Slice<uint8_t const> payload(Slice<uint8_t const> frame) const {
    if (frame.is_empty()) { return {}; }
    usize const declared = frame[0];
    // View the payload in place (no copy): it starts right after the length byte.
    return Slice<uint8_t const>::from_raw_parts(frame.skip(1).begin(), declared);
  }
};

uint32_t escape_01_checksum(Slice<uint8_t const> frame) {
  FrameParser01 const parser{};
  uint32_t sum = 0;
  for (uint8_t const byte : parser.payload(frame)) { sum += byte; }
  return sum;
}

}  // namespace keel::capsules
