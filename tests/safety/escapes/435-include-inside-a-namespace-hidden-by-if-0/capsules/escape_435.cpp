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
#if 0
}
#endif
#include "kernel/core/cell.h"
#if 0
{
#endif
}  // namespace keel::transfer

namespace keel::capsules {

inline auto count_down_435(uint32_t& counter KEEL_LIFETIMEBOUND) {
  return [&counter]() { counter = counter - 1; };
}
using CountDown435 = decltype(count_down_435(declval<uint32_t&>()));

class Transfer435 {
 public:
  explicit Transfer435(CountDown435 on_done) : on_done_(on_done) {}
  void done() const { on_done_.get()(); }

 private:
  transfer::keel::Cell<CountDown435> on_done_;  // set once by wiring, read from const methods
};

/// Board wiring: the transfer counts `remaining` down (the board's own counter, whose lifetime wiring vouches for).
StaticRef<Transfer435 const> wire_transfer_435(uint32_t& remaining) {
  return KEEL_STATIC_INIT(Transfer435 const, count_down_435(remaining));
}

}  // namespace keel::capsules
