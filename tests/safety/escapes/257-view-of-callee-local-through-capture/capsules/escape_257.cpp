// SPDX-License-Identifier: Apache-2.0
// A request handler borrowing scratch space from a helper.
#include "kernel/core/array.h"
#include "kernel/core/slice.h"

namespace keel::capsules {

template <typename F> void escape_257_with_scratch(F&& f) {
  Array<uint8_t, 32> scratch{};
  f(scratch.as_slice());
}

usize escape_257_handle(Slice<uint8_t const> request) {
  Slice<uint8_t> kept;
  escape_257_with_scratch([&kept](Slice<uint8_t> scratch) { kept = scratch; });
  return kept.copy_from(request);
}

}  // namespace keel::capsules
