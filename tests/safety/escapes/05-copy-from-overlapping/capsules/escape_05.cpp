// SPDX-License-Identifier: Apache-2.0
// Framing: prepend a header byte to a payload already in the transmit buffer.
#include "kernel/core/slice.h"

namespace keel::capsules {

/// Moves the first `length` bytes one place up and puts `header` in front.
void escape_05_prepend(Slice<uint8_t> buffer, usize length, uint8_t header) {
  if (buffer.is_empty()) { return; }
  Slice<uint8_t const> const payload = buffer.first(length);
  static_cast<void>(buffer.skip(1).copy_from(payload));
  buffer[0] = header;
}

}  // namespace keel::capsules
