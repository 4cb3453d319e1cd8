// SPDX-License-Identifier: Apache-2.0
// Reply framing: a header word and a body, unpacked by name.
#include "kernel/core/array.h"
#include "kernel/core/slice.h"

namespace keel::capsules {

struct Reply261 {
  uint32_t header = 0;
  Array<uint8_t, 16> body{};
};

Slice<uint8_t> escape_261_body() {
  auto [header, body] = Reply261{};
  (void)header;
  return body.as_slice();
}

usize escape_261_answer(Slice<uint8_t const> request) { return escape_261_body().copy_from(request); }

}  // namespace keel::capsules
