// SPDX-License-Identifier: Apache-2.0
// A register poke command for board bring-up, compiled out of checked builds.
#include "kernel/core/annotations.h"
#include "kernel/core/move.h"
#include "kernel/core/ref.h"
#include "kernel/core/types.h"

#define KEEL_SPELLING_134(x) KEEL_STRINGIZE_134(x)
#define KEEL_STRINGIZE_134(x) #x

namespace keel::capsules {

/// Whether this build checks unsafe buffer usage (true under the safety check).
inline constexpr bool kCheckedBuild134 = sizeof(KEEL_SPELLING_134(KEEL_UNSAFE)) > 1;

template <typename R> struct Target134 {
  using Word = decltype(declval<R>().operator->());
};

template <bool Checked> struct Poke134 {
  template <typename R = StaticRef<uint32_t>> static void poke(uint32_t address, uint32_t value) {
    using Word = typename Target134<R>::Word;
    *Word(address) = value;
  }
};

template <> struct Poke134<true> {
  template <typename R = StaticRef<uint32_t>> static void poke(uint32_t /*address*/, uint32_t /*value*/) {}
};

/// Command 1 of the bring-up driver: arg0 is the register's address, arg1 the value.
void bring_up_poke_134(uint32_t address, uint32_t value) { Poke134<kCheckedBuild134>::poke(address, value); }

}  // namespace keel::capsules
