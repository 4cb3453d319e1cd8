// SPDX-License-Identifier: Apache-2.0
// Cell<T>: interior mutability for small trivially-copyable values (and a StaticBuffer, which moves in and out and
// has no `get`). Objects shared by `const&` keep every changing field in a cell; `get` copies the value out and
// `set` copies one in, so no reference into the cell ever escapes and no two holders can alias a mutable reference
// (Rust's Cell). A cell lives as long as its owner (often the whole
// run), so it never holds a view (kernel/core/ref.h): a reference it keeps is a StaticRef. Every other cell type
// (OptionalCell, TakeCell, MapCell, ClientCell) is built on this one.
//
// TRUSTED: the kernel's one `mutable` member, the root of interior mutability.
#pragma once

#include "kernel/core/ref.h"
#include "kernel/core/slice.h"
#include "kernel/core/utility.h"

namespace keel {

template <typename T> struct IsStaticBuffer { static constexpr bool value = false; };
template <typename T> struct IsStaticBuffer<StaticBuffer<T>> { static constexpr bool value = true; };

/// How a value comes into a cell: by copy when trivially copyable; a StaticBuffer by rvalue reference, moved once.
template <typename T, bool copies = is_trivially_copyable<T>> struct CellInput { using Type = T; };
template <typename T> struct CellInput<T, false> { using Type = T&&; };

// Moves are spelled static_cast<T&&>: trusted code calls no untrusted helper (kernel/core/move.h).
template <typename T> class Cell {
  // A StaticBuffer moves in and out (its move, trusted, runs no other code): `get` does not exist for it.
  static_assert(is_trivially_copyable<T> || IsStaticBuffer<T>::value,
                "Cell holds trivially copyable values or a StaticBuffer; use MapCell or TakeCell");
  static_assert(!is_view<T>, "a cell outlives the stack: it holds a StaticRef or StaticSlice, never a view");

 public:
  constexpr Cell() = default;
  constexpr explicit Cell(typename CellInput<T>::Type value) : value_(static_cast<T&&>(value)) {}
  Cell(Cell const&) = delete;
  Cell& operator=(Cell const&) = delete;

  constexpr T get() const requires(is_trivially_copyable<T>) { return value_; }
  /// Cell<StaticBuffer<U>>: a view of the memory the held buffer owns (a copy of the view, no reference into the
  /// cell), for the cell's owner to read or fill the buffer in place.
  [[gnu::always_inline]] constexpr auto view() const requires(IsStaticBuffer<T>::value) { return value_.slice(); }
  constexpr void set(typename CellInput<T>::Type value) const { value_ = static_cast<T&&>(value); }
  /// Stores `value` and gives back what was there.
  constexpr T replace(typename CellInput<T>::Type value) const {
    T old = static_cast<T&&>(value_);
    value_ = static_cast<T&&>(value);
    return old;
  }

 private:
  mutable T value_{};
};

/// What a cell's `map` may give back: a value that refers to nothing inside the cell (not a reference or view).
template <typename R> inline constexpr bool is_map_result = !is_view<R>;

}  // namespace keel
