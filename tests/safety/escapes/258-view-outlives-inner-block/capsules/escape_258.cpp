// SPDX-License-Identifier: Apache-2.0
// Header rewriting for a forwarding capsule: small frames are patched in a stack copy.
#include "kernel/core/array.h"
#include "kernel/core/slice.h"

namespace keel::capsules {

usize escape_258_forward(Slice<uint8_t const> frame, Slice<uint8_t> out) {
  Slice<uint8_t> patched;
  if (frame.size() <= 16) {
    Array<uint8_t, 16> copy{};
    (void)copy.as_slice().copy_from(frame);
    patched = copy.as_slice().first(frame.size());
  }
  if (patched.is_empty()) { return out.copy_from(frame); }
  patched[0] = 0x7e;
  return out.copy_from(patched);
}

}  // namespace keel::capsules
