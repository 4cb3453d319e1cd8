// SPDX-License-Identifier: Apache-2.0
// Cell<T>: interior mutability for small trivially-copyable values. Objects shared by `const&` keep every changing
// field in a cell; `get` copies the value out and `set` copies one in, so no reference into the cell ever escapes and
// no two holders can alias a mutable reference (Rust's Cell). A cell lives as long as its owner (often the whole
// run), so it never holds a view (kernel/core/ref.h): a reference it keeps is a StaticRef. Every other cell type
// (OptionalCell, TakeCell, MapCell, ClientCell) is built on this one.
//
// TRUSTED: the kernel's one `mutable` member, the root of interior mutability.
#pragma once

#include "kernel/core/ref.h"
#include "kernel/core/utility.h"

namespace keel {

template <typename T> class Cell {
  static_assert(is_trivially_copyable<T>, "Cell holds trivially copyable values; use MapCell or TakeCell");
  static_assert(!is_view<T>, "a cell outlives the stack: it holds a StaticRef or StaticSlice, never a view");

 public:
  constexpr Cell() = default;
  constexpr explicit Cell(T value) : value_(value) {}
  Cell(Cell const&) = delete;
  Cell& operator=(Cell const&) = delete;

  constexpr T get() const { return value_; }
  constexpr void set(T value) const { value_ = value; }
  /// Stores `value` and gives back what was there.
  constexpr T replace(T value) const {
    T old = value_;
    value_ = value;
    return old;
  }

 private:
  mutable T value_{};
};

/// What a cell's `map` may give back: a value that refers to nothing inside the cell (not a reference or view).
template <typename R> inline constexpr bool is_map_result = !is_view<R>;

}  // namespace keel
