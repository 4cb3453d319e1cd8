// SPDX-License-Identifier: Apache-2.0
// A header parser that picks the payload of a frame.
#include "kernel/core/array.h"
#include "kernel/core/slice.h"

namespace keel::capsules {

class Picker121 {
 public:
  Slice<uint8_t const> payload(Slice<uint8_t const> frame) const { return frame.skip(2); }
};

Slice<uint8_t const> last_payload121() {
  Array<uint8_t, 8> frame{{1, 2, 3, 4, 5, 6, 7, 8}};
  return Picker121{}.payload(frame.as_slice());
}

}  // namespace keel::capsules
