// SPDX-License-Identifier: Apache-2.0
// Reply framing for a small request/response capsule: a 4-byte header, then the payload.
#include "kernel/core/array.h"
#include "kernel/core/slice.h"

namespace keel::capsules {

struct Reply253 {
  Array<uint8_t, 16> bytes{};
  Slice<uint8_t> payload() { return bytes.as_slice().skip(4); }
};

Slice<uint8_t> escape_253_build_reply(uint8_t kind) {
  Reply253 reply{};
  reply.bytes[0] = kind;
  return reply.payload();
}

usize escape_253_answer(Slice<uint8_t const> request) {
  Slice<uint8_t> const payload = escape_253_build_reply(1);
  return payload.copy_from(request);
}

}  // namespace keel::capsules
