// SPDX-License-Identifier: Apache-2.0
// Scratch space for a request handler, lent through a view of the caller's view.
#include "kernel/core/array.h"
#include "kernel/core/slice.h"

namespace keel::capsules {

void escape_260_scratch(Slice<Slice<uint8_t>> out) {
  Array<uint8_t, 32> buffer{};
  out.fill(buffer.as_slice());
}

usize escape_260_handle(Slice<uint8_t const> request) {
  Slice<uint8_t> kept;
  escape_260_scratch(Slice<Slice<uint8_t>>::of(kept));
  return kept.copy_from(request);
}

}  // namespace keel::capsules
