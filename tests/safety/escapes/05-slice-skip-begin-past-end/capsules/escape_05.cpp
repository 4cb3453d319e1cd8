// SPDX-License-Identifier: Apache-2.0
// Line buffer of a shell-like console capsule.
#include "kernel/core/slice.h"

namespace keel::capsules {

/// Copies `line` and puts a '\n' after it; returns the bytes used.
usize escape_05_line(Slice<uint8_t> buffer, Slice<uint8_t const> line) {
  usize const copied = buffer.copy_from(line);
  *buffer.skip(copied).begin() = '\n';
  return copied + 1;
}

}  // namespace keel::capsules
