// SPDX-License-Identifier: Apache-2.0
// A transfer that runs a completion action when the device is done.
#include "kernel/core/annotations.h"
#include "kernel/core/move.h"
#include "kernel/core/option.h"

namespace keel::capsules {

inline auto count_down_142(uint32_t& counter KEEL_LIFETIMEBOUND) {
  return [&counter]() { counter = counter - 1; };
}
using CountDown142 = decltype(count_down_142(declval<uint32_t&>()));

class Transfer142 {
 public:
  explicit Transfer142(uint32_t& remaining KEEL_LIFETIMEBOUND) : on_done_(count_down_142(remaining)) {}
  void done() const {
    if (on_done_.is_some()) { on_done_.value()(); }
  }

 private:
  Option<CountDown142> on_done_;
};

Transfer142 start_142() {
  uint32_t remaining = 3;
  return Transfer142(remaining);
}

void finish_142() {
  Transfer142 const transfer = start_142();
  transfer.done();  // start_142's frame is gone: decrements its dead `remaining`
}

}  // namespace keel::capsules
