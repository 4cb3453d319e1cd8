// SPDX-License-Identifier: Apache-2.0
// A reply builder for a sensor capsule, indexed like an array.
#include "kernel/core/array.h"
#include "kernel/core/slice.h"

namespace keel::capsules {

struct Reply402 {
  Array<uint8_t, 8> bytes{};
  uint8_t& operator[](usize index) { return bytes[index]; }
};

Reply402 make_reply_402(uint8_t kind) {
  Reply402 reply{};
  reply.bytes[0] = kind;
  return reply;
}

uint8_t reply_status_402(uint8_t kind, uint8_t fill) {
  uint8_t& status = make_reply_402(kind)[2];  // the status byte of the reply just built
  status = fill;
  return status;
}

}  // namespace keel::capsules
