// SPDX-License-Identifier: Apache-2.0
// Frame assembly for a packet capsule.
#include "kernel/core/array.h"
#include "kernel/core/cell.h"
#include "kernel/core/slice.h"

namespace keel::capsules {

class FrameBuilder27 {
 public:
  void begin_frame() const {
    Array<uint8_t, 32> frame{};
    current_.set(frame.as_slice());
    used_.set(0);
  }
  void append(uint8_t byte) const {
    Slice<uint8_t> const frame = current_.get();
    if (used_.get() < frame.size()) {
      frame[used_.get()] = byte;
      used_.set(used_.get() + 1);
    }
  }

 private:
  Cell<Slice<uint8_t>> current_{};
  Cell<usize> used_{0};
};

}  // namespace keel::capsules
