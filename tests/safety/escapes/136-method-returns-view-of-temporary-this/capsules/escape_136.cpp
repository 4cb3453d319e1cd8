// SPDX-License-Identifier: Apache-2.0
// A reply builder for a sensor capsule.
#include "kernel/core/array.h"
#include "kernel/core/slice.h"

namespace keel::capsules {

struct Reply136 {
  Array<uint8_t, 8> bytes{};
  Slice<uint8_t> payload() { return bytes.as_slice().skip(2); }
};

Reply136 make_reply_136(uint8_t kind) {
  Reply136 reply{};
  reply.bytes[0] = kind;
  return reply;
}

uint32_t reply_checksum_136(uint8_t kind, uint8_t fill) {
  Slice<uint8_t> const payload = make_reply_136(kind).payload();
  uint32_t sum = 0;
  for (usize i = 0; i < payload.size(); ++i) {
    payload[i] = fill;
    sum += payload[i];
  }
  return sum;
}

}  // namespace keel::capsules
