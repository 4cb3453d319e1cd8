// SPDX-License-Identifier: Apache-2.0
// Array<T, N>: a fixed-size array with checked indexing (the kernel's std::array), built on Slice. `operator[]`
// panics on a bad index; `get` gives none; `as_slice` views it (never a temporary one).
#pragma once

#include "kernel/core/ref.h"
#include "kernel/core/slice.h"
#include "kernel/writer.h"

namespace keel {

template <typename T, usize N> struct Array {
  static_assert(N > 0, "an empty Array has no use in the kernel");

  // Public so that Array stays an aggregate: `Array<int, 3> a{{1, 2, 3}};` works in constant expressions.
  T items[N];

  static constexpr usize size() { return N; }
  [[gnu::always_inline]] constexpr Slice<T> as_slice() & KEEL_LIFETIMEBOUND { return Slice<T>(items); }
  [[gnu::always_inline]] constexpr Slice<T const> as_slice() const& KEEL_LIFETIMEBOUND { return Slice<T const>(items); }
  Slice<T> as_slice() && = delete;
  Slice<T const> as_slice() const&& = delete;

  [[gnu::always_inline]] constexpr T& operator[](usize index) KEEL_LIFETIMEBOUND { return as_slice()[index]; }
  [[gnu::always_inline]] constexpr T const& operator[](usize index) const KEEL_LIFETIMEBOUND { return as_slice()[index]; }
  constexpr Option<T&> get(usize index) KEEL_LIFETIMEBOUND { return as_slice().get(index); }
  constexpr SliceIterator<T> begin() KEEL_LIFETIMEBOUND { return as_slice().begin(); }
  constexpr SliceEnd end() const { return {}; }
  constexpr SliceIterator<T const> begin() const KEEL_LIFETIMEBOUND { return as_slice().begin(); }
};

/// Seventeen words (a trap frame's x15-x31): the last one is where a tracing writer is linked while the kernel traces
/// register access (none otherwise).
template <> struct Array<uint32_t, 17> {
  uint32_t items[16]{};
  OptionalStaticRef<Writer const> trace;

  static constexpr usize size() { return 17; }
  constexpr uint32_t& operator[](usize index) KEEL_LIFETIMEBOUND {
    if (index == 16 && trace.is_some()) { trace.get().str("x31\n"); }
    return Slice<uint32_t>(items)[index % 16];
  }
  constexpr uint32_t const& operator[](usize index) const KEEL_LIFETIMEBOUND {
    if (index == 16 && trace.is_some()) { trace.get().str("x31\n"); }
    return Slice<uint32_t const>(items)[index % 16];
  }
};

}  // namespace keel
