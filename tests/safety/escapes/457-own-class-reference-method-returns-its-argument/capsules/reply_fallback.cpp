// SPDX-License-Identifier: Apache-2.0
// A reply, or a default one for its kind when the device gave none (a combinator in the style of Writer's chaining).
#include "kernel/core/array.h"
#include "kernel/core/slice.h"
#include "kernel/core/types.h"

namespace keel::capsules {

struct Reply457 {
  Array<uint8_t, 16> bytes{};
  /// This reply if it holds one (status byte set), else `fallback`.
  Reply457 const& or_else(Reply457 const& fallback) const { return bytes[0] != 0 ? *this : fallback; }
};

/// The reply a device of `kind` gives when it gives none, by value.
Reply457 default_reply_457(uint8_t kind) {
  Reply457 reply{};
  reply.bytes[1] = kind;
  return reply;
}

/// Byte `index` of `current`, or of the default reply for `kind` (both from a process's command).
uint32_t reply_byte_457(Reply457 const& current, uint8_t kind, uint32_t index) {
  // With no status in `current`, `chosen` is the default reply: a temporary gone once `chosen` is initialised.
  Reply457 const& chosen = current.or_else(default_reply_457(kind));
  Array<uint32_t, 8> counters{};  // may take the dead reply's stack slot
  return chosen.bytes[index % 16] + counters[0];
}

}  // namespace keel::capsules
