// SPDX-License-Identifier: Apache-2.0
// Status block of a sensor capsule: byte 0 is the state, the rest is reserved.
#include "kernel/core/array.h"
#include "kernel/core/slice.h"

namespace keel::capsules {

usize escape_82_status(Slice<uint8_t> out, uint8_t state) {
  Array<uint8_t, 16> block;
  block[0] = state;
  return out.copy_from(block.as_slice());
}

}  // namespace keel::capsules
