// SPDX-License-Identifier: Apache-2.0
// A register poke command for board bring-up, compiled out of checked builds.
#include "kernel/core/annotations.h"
#include "kernel/core/move.h"
#include "kernel/core/ref.h"
#include "kernel/core/types.h"

#define KEEL_OPEN_431 (
#define KEEL_APPLY_431(macro, open) macro open
#define KEEL_SPELLING_431(x) KEEL_STRINGIZE_431(x)
#define KEEL_STRINGIZE_431(x) #x

namespace keel::capsules {

/// Whether this build checks unsafe buffer usage (true under the safety check).
inline constexpr bool kCheckedBuild431 = sizeof(KEEL_APPLY_431(KEEL_SPELLING_431, KEEL_OPEN_431) KEEL_UNSAFE)) > 1;

template <typename R> struct Target431 {
  using Word = decltype(declval<R>().operator->());
};

template <bool Checked> struct Poke431 {
  template <typename R = StaticRef<uint32_t>> static void poke(uint32_t address, uint32_t value) {
    using Word = typename Target431<R>::Word;
    *Word(address) = value;
  }
};

template <> struct Poke431<true> {
  template <typename R = StaticRef<uint32_t>> static void poke(uint32_t /*address*/, uint32_t /*value*/) {}
};

/// Command 1 of the bring-up driver: arg0 is the register's address, arg1 the value.
void bring_up_poke_431(uint32_t address, uint32_t value) { Poke431<kCheckedBuild431>::poke(address, value); }

}  // namespace keel::capsules
