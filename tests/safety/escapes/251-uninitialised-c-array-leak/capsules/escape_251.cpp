// SPDX-License-Identifier: Apache-2.0
// Status block of a sensor capsule: byte 0 is the state, the rest is reserved.
#include "kernel/core/slice.h"

namespace keel::capsules {

usize escape_251_status(Slice<uint8_t> out, uint8_t state) {
  uint8_t block[16];
  Slice<uint8_t> const view(block);
  view[0] = state;
  return out.copy_from(view);
}

}  // namespace keel::capsules
