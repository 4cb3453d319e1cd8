// SPDX-License-Identifier: Apache-2.0
// Buffer growth: a view handed out short is grown again when more of its (larger) backing array is needed.
#define private public
#include "kernel/core/slice.h"

namespace keel::capsules {

Slice<uint8_t> escape_331_grow(Slice<uint8_t> view KEEL_LIFETIMEBOUND, usize length) {
  view.length_ = length;
  return view;
}

}  // namespace keel::capsules
