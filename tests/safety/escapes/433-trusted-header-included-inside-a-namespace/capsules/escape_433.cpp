// SPDX-License-Identifier: Apache-2.0
// A transfer that runs a completion action when the device is done; wiring gives it the counter to count down.
#include "kernel/core/annotations.h"
#include "kernel/core/move.h"
#include "kernel/core/ref.h"
#include "kernel/core/slice.h"
#include "kernel/core/static_init.h"
#include "kernel/core/utility.h"

// The transfer's own copy of the cell, kept apart from the kernel's so that the two can change independently.
namespace keel::transfer {
#include "kernel/core/cell.h"
}  // namespace keel::transfer

namespace keel::capsules {

inline auto count_down_433(uint32_t& counter KEEL_LIFETIMEBOUND) {
  return [&counter]() { counter = counter - 1; };
}
using CountDown433 = decltype(count_down_433(declval<uint32_t&>()));

class Transfer433 {
 public:
  explicit Transfer433(CountDown433 on_done) : on_done_(on_done) {}
  void done() const { on_done_.get()(); }

 private:
  transfer::keel::Cell<CountDown433> on_done_;  // set once by wiring, read from const methods
};

/// Board wiring: the transfer counts `remaining` down (the board's own counter, whose lifetime wiring vouches for).
StaticRef<Transfer433 const> wire_transfer_433(uint32_t& remaining) {
  return KEEL_STATIC_INIT(Transfer433 const, count_down_433(remaining));
}

}  // namespace keel::capsules
