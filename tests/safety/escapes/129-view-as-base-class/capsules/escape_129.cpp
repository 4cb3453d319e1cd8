// SPDX-License-Identifier: Apache-2.0
// Frame assembly for a packet capsule: the frame being built is remembered between calls.
#include "kernel/core/array.h"
#include "kernel/core/cell.h"
#include "kernel/core/slice.h"

namespace keel::capsules {

/// The frame under construction (a Slice with a name of its own, so the cell's type says what it holds).
struct CurrentFrame129 : Slice<uint8_t> {};

class FrameBuilder129 {
 public:
  void begin_frame() const {
    Array<uint8_t, 32> frame{};
    current_.set(CurrentFrame129{frame.as_slice()});
    used_.set(0);
  }
  void append(uint8_t byte) const {
    CurrentFrame129 const frame = current_.get();
    if (used_.get() < frame.size()) {
      frame[used_.get()] = byte;
      used_.set(used_.get() + 1);
    }
  }

 private:
  Cell<CurrentFrame129> current_{};
  Cell<usize> used_{0};
};

void build_frame_129(FrameBuilder129 const& builder, uint8_t byte) {
  builder.begin_frame();
  builder.append(byte);
}

}  // namespace keel::capsules
