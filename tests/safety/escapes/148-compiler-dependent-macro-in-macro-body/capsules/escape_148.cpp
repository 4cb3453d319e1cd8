// SPDX-License-Identifier: Apache-2.0
// A register poke command for board bring-up, compiled out of checked builds.
#include "kernel/core/annotations.h"
#include "kernel/core/move.h"
#include "kernel/core/ref.h"
#include "kernel/core/types.h"

#define KEEL_MARKER_148 KEEL_LIFETIMEBOUND
#define KEEL_TEXT_148(x) #x
#define KEEL_EXPANDED_TEXT_148(x) KEEL_TEXT_148(x)
#define KEEL_MARKER_TEXT_148 KEEL_EXPANDED_TEXT_148(KEEL_MARKER_148)

namespace keel::capsules {

inline constexpr bool kCheckedBuild148 = sizeof(KEEL_MARKER_TEXT_148) > 1;

template <typename R> struct Target148 {
  using Word = decltype(declval<R>().operator->());
};

template <bool Checked> struct Poke148 {
  template <typename R = StaticRef<uint32_t>> static void poke(uint32_t address, uint32_t value) {
    using Word = typename Target148<R>::Word;
    *Word(address) = value;
  }
};

template <> struct Poke148<true> {
  template <typename R = StaticRef<uint32_t>> static void poke(uint32_t /*address*/, uint32_t /*value*/) {}
};

void bring_up_poke_148(uint32_t address, uint32_t value) { Poke148<kCheckedBuild148>::poke(address, value); }

}  // namespace keel::capsules
