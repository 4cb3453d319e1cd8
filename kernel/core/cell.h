// SPDX-License-Identifier: Apache-2.0
// Cell<T>: interior mutability for small trivially-copyable values. Objects shared by `const&` keep every changing
// field in a cell; `get` copies the value out and `set` copies one in, so no reference into the cell ever escapes and
// no two holders can alias a mutable reference (Rust's Cell).
#pragma once

#include "kernel/core/utility.h"

namespace keel {

template <typename T> class Cell {
  static_assert(is_trivially_copyable<T>, "Cell holds trivially copyable values; use MapCell or TakeCell");

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

}  // namespace keel
