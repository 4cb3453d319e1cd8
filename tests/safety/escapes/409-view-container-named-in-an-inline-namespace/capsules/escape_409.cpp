// SPDX-License-Identifier: Apache-2.0
// A frame assembler that remembers where the frame being assembled lives.
#include "kernel/core/cell.h"
#include "kernel/core/slice.h"

namespace keel {
inline namespace frames409 {
/// The frame being assembled: where it is, and how far it is filled.
template <typename T, usize N, typename Where = Slice<uint8_t>> struct Array {
  Where frame;
  T filled;
};
}  // namespace frames409
}  // namespace keel

namespace keel::capsules {

class Assembler409 {
 public:
  void begin(Slice<uint8_t> frame) const { state_.set({frame, 0}); }
  void append(uint8_t byte) const {
    frames409::Array<usize, 1> state = state_.get();
    if (state.filled < state.frame.size()) { state.frame[state.filled] = byte; }
    state.filled += 1;
    state_.set(state);
  }

 private:
  Cell<frames409::Array<usize, 1>> state_{};
};

void escape_409_start(Assembler409 const& assembler) {
  uint8_t scratch[32]{};
  assembler.begin(Slice<uint8_t>(scratch));  // every later append writes this dead frame
}

}  // namespace keel::capsules
