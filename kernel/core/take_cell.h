// SPDX-License-Identifier: Apache-2.0
// TakeCell<T>: holds a StaticRef to a T (a 'static object) that can be lent out. `map(f)` takes the reference out
// for the duration of `f`, so a re-entrant `map` on the same cell finds it absent and does nothing: two live mutable
// references to the value can never exist, and `f` cannot give back a reference or view into it. `take` / `put` /
// `replace` move ownership. The compiled `map` is a null check, two stores and the call (see tests/takecell_cost).
//
// TakeCell<StaticBuffer<T>>: the same for a 'static buffer that moves into a device or a lower layer and back, like
// Rust's TakeCell<'static, [u8]>; `f` sees it as a Slice.
#pragma once

#include "kernel/core/cell.h"
#include "kernel/core/option.h"
#include "kernel/core/ref.h"
#include "kernel/core/slice.h"
#include "kernel/core/utility.h"

namespace keel {

template <typename T> class TakeCell {
 public:
  constexpr TakeCell() = default;
  constexpr explicit TakeCell(StaticRef<T> value) : value_(OptionalStaticRef<T>(value)) {}
  TakeCell(TakeCell const&) = delete;
  TakeCell& operator=(TakeCell const&) = delete;

  constexpr bool is_some() const { return value_.get().is_some(); }
  constexpr bool is_none() const { return value_.get().is_none(); }

  /// Removes the reference and gives it to the caller; the cell is empty afterwards.
  constexpr OptionalStaticRef<T> take() const { return value_.replace(OptionalStaticRef<T>()); }
  /// Stores a reference (or none). Whatever the cell held before is dropped.
  constexpr void put(OptionalStaticRef<T> value) const { value_.set(value); }
  /// Stores `value` and gives back what the cell held.
  constexpr OptionalStaticRef<T> replace(StaticRef<T> value) const { return value_.replace(value); }

  /// Runs `f(T&)` if the value is present and not already lent out; otherwise does nothing. Returns whether `f`
  /// ran (void `f`) or Option of its result.
  template <typename F> constexpr auto map(F&& f) const {
    using R = InvokeResult<F, T&>;
    static_assert(is_map_result<R>, "map must not give back a reference or view into the cell");
    OptionalStaticRef<T> const value = value_.get();
    if constexpr (is_same<R, void>) {
      if (value.is_none()) { return false; }
      value_.set(OptionalStaticRef<T>());
      f(value.get());
      value_.set(value);
      return true;
    } else {
      if (value.is_none()) { return Option<R>(); }
      value_.set(OptionalStaticRef<T>());
      Option<R> result(f(value.get()));
      value_.set(value);
      return result;
    }
  }

  /// Like map, but gives `fallback` when the value is absent.
  template <typename F, typename R> constexpr R map_or(R fallback, F&& f) const {
    return map(forward<F>(f)).value_or(fallback);
  }

 private:
  Cell<OptionalStaticRef<T>> value_{};
};

template <typename T> class TakeCell<StaticBuffer<T>> {
 public:
  constexpr TakeCell() = default;
  constexpr explicit TakeCell(StaticBuffer<T>&& buffer) : buffer_(move(buffer)), present_(true) {}
  TakeCell(TakeCell const&) = delete;
  TakeCell& operator=(TakeCell const&) = delete;

  constexpr bool is_some() const { return present_.get(); }
  constexpr bool is_none() const { return !present_.get(); }

  [[gnu::always_inline]] constexpr Option<StaticBuffer<T>> take() const {
    if (!present_.get()) { return none; }
    present_.set(false);
    return buffer_.replace(StaticBuffer<T>());
  }
  [[gnu::always_inline]] constexpr void put(StaticBuffer<T>&& buffer) const {
    buffer_.set(move(buffer));
    present_.set(true);
  }
  constexpr Option<StaticBuffer<T>> replace(StaticBuffer<T>&& buffer) const {
    Option<StaticBuffer<T>> old = take();
    put(move(buffer));
    return old;
  }

  /// Runs `f(Slice<T>)` if the buffer is here and not lent out; the same re-entrancy rule as TakeCell<T>.
  template <typename F> constexpr auto map(F&& f) const {
    using R = InvokeResult<F, Slice<T>>;
    static_assert(is_map_result<R>, "map must not give back a reference or view into the buffer");
    if constexpr (is_same<R, void>) {
      if (!present_.get()) { return false; }
      present_.set(false);
      f(buffer_.view());
      present_.set(true);
      return true;
    } else {
      if (!present_.get()) { return Option<R>(); }
      present_.set(false);
      Option<R> result(f(buffer_.view()));
      present_.set(true);
      return result;
    }
  }

 private:
  Cell<StaticBuffer<T>> buffer_{};
  Cell<bool> present_{false};
};

}  // namespace keel
