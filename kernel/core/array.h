// SPDX-License-Identifier: Apache-2.0
// Array<T, N>: a fixed-size array with checked indexing (the kernel's std::array). `operator[]` panics on a bad
// index; `get` gives none; `as_slice` views it.
//
// TRUSTED: indexes the underlying C array, whose bound it checks first.
#pragma once

#include "kernel/core/slice.h"

namespace keel {

template <typename T, usize N> struct Array {
  static_assert(N > 0, "an empty Array has no use in the kernel");

  // Public so that Array stays an aggregate: `Array<int, 3> a{{1, 2, 3}};` works in constant expressions.
  T items[N];

  static constexpr usize size() { return N; }
  constexpr T& operator[](usize index) {
    if (index >= N) { KEEL_PANIC("array index out of bounds"); }
    return items[index];
  }
  constexpr T const& operator[](usize index) const {
    if (index >= N) { KEEL_PANIC("array index out of bounds"); }
    return items[index];
  }
  constexpr Option<T&> get(usize index) {
    if (index >= N) { return none; }
    return Option<T&>(items[index]);
  }
  constexpr Slice<T> as_slice() { return Slice<T>(items); }
  constexpr Slice<T const> as_slice() const { return Slice<T const>(items); }
  constexpr T* begin() { return items; }
  constexpr T* end() { return items + N; }
  constexpr T const* begin() const { return items; }
  constexpr T const* end() const { return items + N; }
};

}  // namespace keel
