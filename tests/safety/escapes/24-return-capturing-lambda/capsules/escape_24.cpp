// SPDX-License-Identifier: Apache-2.0
// Byte counters for the transmit path.
#include "kernel/core/types.h"

namespace keel::capsules {

/// A counter of bytes sent, starting at `start`.
auto escape_24_counter(usize start) {
  usize sent = start;
  return [&](usize more) {
    sent += more;
    return sent;
  };
}

usize escape_24_send_two(usize first, usize second) {
  auto count = escape_24_counter(0);
  static_cast<void>(count(first));
  return count(second);
}

}  // namespace keel::capsules
