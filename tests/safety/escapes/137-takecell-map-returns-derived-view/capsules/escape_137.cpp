// SPDX-License-Identifier: Apache-2.0
// A capsule that keeps its frame buffer in a TakeCell and patches the frame's header after the fact.
#include "kernel/core/array.h"
#include "kernel/core/slice.h"
#include "kernel/core/take_cell.h"

namespace keel::capsules {

/// The header bytes of a frame (named, so map's result type says what it is).
struct HeaderBytes137 : Slice<uint8_t> {};

class Framer137 {
 public:
  explicit Framer137(StaticRef<Array<uint8_t, 32>> frame) : frame_(frame) {}

  void send(uint8_t kind) const {
    Option<HeaderBytes137> const header =
        frame_.map([](Array<uint8_t, 32>& frame) { return HeaderBytes137{frame.as_slice().first(4)}; });
    if (header.is_none()) { return; }
    // The cell holds the buffer again: lend it out a second time while the header view is still live.
    frame_.map([&](Array<uint8_t, 32>& frame) {
      frame[0] = 0;
      header.value()[0] = kind;  // writes the same byte through the escaped view
    });
  }

 private:
  TakeCell<Array<uint8_t, 32>> frame_;
};

}  // namespace keel::capsules
