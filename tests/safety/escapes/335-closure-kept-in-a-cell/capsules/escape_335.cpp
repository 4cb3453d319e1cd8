// SPDX-License-Identifier: Apache-2.0
// A transfer that runs a completion action when the device is done; wiring gives it the counter to count down.
#include "kernel/core/annotations.h"
#include "kernel/core/cell.h"
#include "kernel/core/move.h"
#include "kernel/core/static_init.h"

namespace keel::capsules {

inline auto count_down_335(uint32_t& counter KEEL_LIFETIMEBOUND) {
  return [&counter]() { counter = counter - 1; };
}
using CountDown335 = decltype(count_down_335(declval<uint32_t&>()));

class Transfer335 {
 public:
  explicit Transfer335(CountDown335 on_done) : on_done_(on_done) {}
  void done() const { on_done_.get()(); }

 private:
  Cell<CountDown335> on_done_;  // set once by wiring, read from const methods
};

/// Board wiring: the transfer counts `remaining` down (the board's own counter, whose lifetime wiring vouches for).
StaticRef<Transfer335 const> wire_transfer_335(uint32_t& remaining) {
  return KEEL_STATIC_INIT(Transfer335 const, count_down_335(remaining));
}

}  // namespace keel::capsules
