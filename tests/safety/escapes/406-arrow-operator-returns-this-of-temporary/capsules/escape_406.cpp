// SPDX-License-Identifier: Apache-2.0
// A reply builder for a sensor capsule, its fields reached with ->.
#include "kernel/core/array.h"
#include "kernel/core/slice.h"

namespace keel::capsules {

struct Reply406 {
  Array<uint8_t, 8> bytes{};
  auto operator->() { return this; }  // lets builders chain `make_reply()->bytes`
};

Reply406 make_reply_406(uint8_t kind) {
  Reply406 reply{};
  reply.bytes[0] = kind;
  return reply;
}

uint32_t reply_checksum_406(uint8_t kind, uint8_t fill) {
  Slice<uint8_t> const payload = make_reply_406(kind)->bytes.as_slice().skip(2);
  uint32_t sum = 0;
  for (uint8_t& byte : payload) {
    byte = fill;  // the reply was a temporary: this writes dead stack
    sum += byte;
  }
  return sum;
}

}  // namespace keel::capsules
