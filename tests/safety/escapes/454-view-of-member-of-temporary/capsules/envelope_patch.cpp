// SPDX-License-Identifier: Apache-2.0
// Patches a byte of the reply carried in a received envelope (a debug command).
#include "kernel/core/array.h"
#include "kernel/core/slice.h"
#include "kernel/core/types.h"

namespace keel::capsules {

struct Reply454 {
  Array<uint8_t, 16> bytes{};
  /// The reply's payload (after the status byte).
  Slice<uint8_t> payload() { return bytes.as_slice().skip(1); }
};

struct Envelope454 {
  uint32_t tag = 0;
  Reply454 reply{};
};

/// The last envelope received for `kind`, by value.
Envelope454 receive_454(uint8_t kind) {
  Envelope454 envelope{};
  envelope.tag = kind;
  return envelope;
}

/// Sets payload byte `offset` of the last reply for `kind` to `value` (all from a process's command).
uint32_t patch_reply_454(uint8_t kind, uint32_t offset, uint8_t value) {
  // The envelope is a temporary of this full-expression: the payload views its member after it is gone.
  Slice<uint8_t> const payload = receive_454(kind).reply.payload();
  Array<uint32_t, 8> counters{};  // may take the dead envelope's stack slot
  payload[offset % payload.size()] = value;
  uint32_t sum = 0;
  for (uint8_t const byte : payload) { sum += byte; }
  for (uint32_t const counter : counters) { sum += counter; }
  return sum;
}

}  // namespace keel::capsules
