// SPDX-License-Identifier: Apache-2.0
// Header parsing for a packet capsule.
#include "kernel/core/array.h"
#include "kernel/core/option.h"
#include "kernel/core/slice.h"

namespace keel::capsules {

Option<Slice<uint8_t>> header_143(Slice<uint8_t> frame) {
  if (frame.size() < 4) { return none; }
  return frame.first(4);
}

Option<Slice<uint8_t>> receive_143() {
  Array<uint8_t, 16> frame{};
  return header_143(frame.as_slice());
}

void stamp_143(uint8_t kind) {
  Option<Slice<uint8_t>> const header = receive_143();
  if (header.is_some()) { header.value()[0] = kind; }  // receive_143's frame is gone
}

}  // namespace keel::capsules
