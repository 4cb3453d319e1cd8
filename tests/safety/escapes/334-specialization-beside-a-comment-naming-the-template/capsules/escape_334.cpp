// SPDX-License-Identifier: Apache-2.0
// An echo service: a command's reply is written in place over the payload of the frame that asked for it.
#include "kernel/core/array.h"
#include "kernel/core/cell.h"
#include "kernel/core/option.h"
#include "kernel/core/slice.h"

namespace keel::capsules {
struct Frame334 {
  uint8_t channel;
};
}  // namespace keel::capsules

namespace keel {
/// Option<Frame334> keeps the payload of the frame it was parsed from beside the header, so that the reply can be
/// written in place; the general template (`class Option {` in kernel/core/option.h) would only copy the header.
template <> class Option<capsules::Frame334> {
 public:
  constexpr Option() = default;
  constexpr Option(capsules::Frame334 frame, Slice<uint8_t> payload KEEL_LIFETIMEBOUND)
      : frame_(frame), payload_(payload), present_(true) {}
  constexpr bool is_some() const { return present_; }
  constexpr capsules::Frame334 frame() const { return frame_; }
  constexpr Slice<uint8_t> payload() const { return payload_; }

 private:
  capsules::Frame334 frame_{};
  Slice<uint8_t> payload_{};
  bool present_ = false;
};
}  // namespace keel

namespace keel::capsules {

class Echo334 {
 public:
  void receive(Slice<uint8_t> frame) const {
    if (frame.is_empty()) { return; }
    pending_.set(Option<Frame334>(Frame334{frame[0]}, frame.skip(1)));
  }
  void reply(uint8_t value) const {
    Option<Frame334> const pending = pending_.get();
    if (pending.is_some()) { pending.payload().fill(value); }
  }

 private:
  Cell<Option<Frame334>> pending_{};
};

void echo_receive_334(Echo334 const& echo) {
  Array<uint8_t, 16> frame{};
  echo.receive(frame.as_slice());
}

}  // namespace keel::capsules
