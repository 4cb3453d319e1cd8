// SPDX-License-Identifier: Apache-2.0
// Scratch space for decoding a request: one zeroed buffer per call.
#include "kernel/core/array.h"
#include "kernel/core/slice.h"

namespace keel::capsules {

Slice<uint8_t> escape_254_scratch() {
  Array<uint8_t, 32> buffer{};
  Slice<uint8_t> scratch = buffer.as_slice();
  return scratch;
}

usize escape_254_decode(Slice<uint8_t const> request) { return escape_254_scratch().copy_from(request); }

}  // namespace keel::capsules
