// SPDX-License-Identifier: Apache-2.0
// Remembers the last line buffer.
#include "kernel/core/ref.h"
#include "kernel/core/slice.h"

namespace keel {

template <> inline constexpr bool is_view<Slice<uint8_t>> = false;

}  // namespace keel

#include "kernel/core/cell.h"

namespace keel::capsules {

Cell<Slice<uint8_t>> const& escape_103_last_line() {
  static Cell<Slice<uint8_t>> const last{};
  return last;
}

void escape_103(Slice<uint8_t> line) { escape_103_last_line().set(line); }

}  // namespace keel::capsules
