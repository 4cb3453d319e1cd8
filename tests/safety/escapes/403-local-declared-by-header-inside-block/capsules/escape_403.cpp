// SPDX-License-Identifier: Apache-2.0
// Request handling with a scratch buffer from a shared declaration.
#include "kernel/core/array.h"
#include "kernel/core/slice.h"

#define KEEL_REQUEST_SCRATCH 1

namespace keel::capsules {

usize escape_403_handle(Slice<uint8_t const> request, bool staged) {
  Slice<uint8_t> target;
  if (staged) {
#include "capsules/escape_403_scratch.h"
    target = scratch.as_slice();
  }
  return target.copy_from(request);  // the scratch block has closed: this writes its dead stack bytes
}

}  // namespace keel::capsules
