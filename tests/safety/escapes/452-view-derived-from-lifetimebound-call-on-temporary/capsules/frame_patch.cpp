// SPDX-License-Identifier: Apache-2.0
// Patches a byte of a received frame's payload (a debug command) and gives the payload's checksum.
#include "kernel/core/annotations.h"
#include "kernel/core/array.h"
#include "kernel/core/slice.h"
#include "kernel/core/types.h"

namespace keel::capsules {

struct Frame452 {
  Array<uint8_t, 32> bytes{};
};

/// The last frame received on `channel`, by value (the receive ring keeps its own).
Frame452 receive_frame_452(uint8_t channel) {
  Frame452 frame{};
  frame.bytes[0] = channel;
  return frame;
}

/// A frame's bytes: a view into the frame, so lifetimebound (clang sees a view of a temporary frame dangle).
Slice<uint8_t> frame_bytes_452(Frame452&& frame KEEL_LIFETIMEBOUND) { return frame.bytes.as_slice(); }

/// Sets payload byte `offset` of the last frame on `channel` to `value` (all three from a process's command).
uint32_t patch_payload_452(uint8_t channel, uint32_t offset, uint8_t value) {
  // The header is 4 bytes. The frame is a temporary of this full-expression: gone once `payload` is initialised.
  Slice<uint8_t> const payload = frame_bytes_452(receive_frame_452(channel)).skip(4);
  Array<uint32_t, 8> counters{};  // may take the dead frame's stack slot
  payload[offset % payload.size()] = value;
  uint32_t sum = 0;
  for (uint8_t const byte : payload) { sum += byte; }
  for (uint32_t const counter : counters) { sum += counter; }
  return sum;
}

}  // namespace keel::capsules
