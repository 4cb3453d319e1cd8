// SPDX-License-Identifier: Apache-2.0
// A deferred "count down" action for board bring-up: wiring builds it once, the scheduler loop runs it later.
#pragma once

#include "kernel/core/annotations.h"
#include "kernel/core/move.h"
#include "kernel/core/ref.h"
#include "kernel/core/utility.h"

namespace keel::boards::qemu_virt_rv32 {

inline auto escape_131_count_down(uint32_t& counter KEEL_LIFETIMEBOUND) {
  return [&counter]() { counter = counter - 1; };
}
using CountDown131 = decltype(escape_131_count_down(declval<uint32_t&>()));

/// The action is the object itself (empty-base style: no member to name).
template <typename F> struct DeferredAction131 : F {
  void run() const { (*this)(); }
};

/// Builds the (one, static) deferred action over `counter`.
StaticRef<DeferredAction131<CountDown131> const> escape_131_wire(uint32_t& counter);

}  // namespace keel::boards::qemu_virt_rv32
