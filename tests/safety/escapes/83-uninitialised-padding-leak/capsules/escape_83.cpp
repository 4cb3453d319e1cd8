// SPDX-License-Identifier: Apache-2.0
// Status record of a sensor capsule, sent to the app as raw bytes.
#include "kernel/core/array.h"
#include "kernel/core/slice.h"

namespace keel::capsules {

struct Status83 {
  uint8_t state;
  uint32_t count;
};

usize escape_83_status(Slice<uint8_t> out, uint8_t state, uint32_t count) {
  Status83 status;
  status.state = state;
  status.count = count;
  Array<uint8_t, sizeof(Status83)> const bytes = __builtin_bit_cast(Array<uint8_t, sizeof(Status83)>, status);
  return out.copy_from(bytes.as_slice());
}

}  // namespace keel::capsules
