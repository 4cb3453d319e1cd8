// SPDX-License-Identifier: Apache-2.0
// Scratch space for a request handler, handed out through an out-parameter.
#include "kernel/core/array.h"
#include "kernel/core/slice.h"

namespace keel::capsules {

void escape_400_scratch(Slice<uint8_t>& out) {
  Array<uint8_t, 32> buffer{};
  out.operator=(buffer.as_slice());  // the member call spelling of the assignment
}

usize escape_400_handle(Slice<uint8_t const> request) {
  Slice<uint8_t> scratch;
  escape_400_scratch(scratch);
  return scratch.copy_from(request);
}

}  // namespace keel::capsules
