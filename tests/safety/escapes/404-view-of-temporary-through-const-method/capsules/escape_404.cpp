// SPDX-License-Identifier: Apache-2.0
// A reply builder for a sensor capsule, read back through a const accessor.
#include "kernel/core/array.h"
#include "kernel/core/slice.h"

namespace keel::capsules {

struct Reply404 {
  Array<uint8_t, 8> bytes{};
  Slice<uint8_t const> payload() const { return bytes.as_slice().skip(2); }
};

Reply404 make_reply_404(uint8_t kind) {
  Reply404 reply{};
  reply.bytes[0] = kind;
  reply.bytes[2] = kind;
  return reply;
}

uint32_t escape_404_next_stage(uint32_t seed);

uint32_t reply_checksum_404(uint8_t kind) {
  Slice<uint8_t const> const payload = make_reply_404(kind).payload();
  uint32_t sum = escape_404_next_stage(kind);  // a call whose frame reuses the dead temporary's bytes
  for (uint8_t byte : payload) { sum += byte; }
  return sum;
}

}  // namespace keel::capsules
