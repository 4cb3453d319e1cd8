// SPDX-License-Identifier: Apache-2.0
// A reply builder for a sensor capsule.
#include "kernel/core/array.h"
#include "kernel/core/move.h"
#include "kernel/core/slice.h"

namespace keel::capsules {

struct Reply401 {
  Array<uint8_t, 8> bytes{};
  Slice<uint8_t> payload() { return bytes.as_slice().skip(2); }
};

Reply401 make_reply_401(uint8_t kind) {
  Reply401 reply{};
  reply.bytes[0] = kind;
  return reply;
}

uint32_t reply_checksum_401(uint8_t kind, uint8_t fill) {
  // Taken over from the builder (it is not needed afterwards).
  Slice<uint8_t> const payload = move(make_reply_401(kind)).payload();
  uint32_t sum = 0;
  for (usize i = 0; i < payload.size(); ++i) {
    payload[i] = fill;
    sum += payload[i];
  }
  return sum;
}

}  // namespace keel::capsules
