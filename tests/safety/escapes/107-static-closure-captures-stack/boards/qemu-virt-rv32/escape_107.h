// SPDX-License-Identifier: Apache-2.0
// A deferred "count down" action for board bring-up: wiring builds it once, the scheduler loop runs it later.
#pragma once

#include "kernel/core/move.h"
#include "kernel/core/ref.h"
#include "kernel/core/utility.h"

namespace keel::boards::qemu_virt_rv32 {

inline auto escape_107_count_down(uint32_t& counter) {
  return [&counter]() { counter = counter - 1; };
}
using CountDown107 = decltype(escape_107_count_down(declval<uint32_t&>()));

template <typename F> class DeferredAction107 {
 public:
  explicit DeferredAction107(F action) : action_(action) {}
  void run() const { action_(); }

 private:
  F action_;
};

/// Builds the (one, static) deferred action over `counter`.
StaticRef<DeferredAction107<CountDown107> const> escape_107_wire(uint32_t& counter);

}  // namespace keel::boards::qemu_virt_rv32
