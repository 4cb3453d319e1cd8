// SPDX-License-Identifier: Apache-2.0
// TakeCell<T>: holds a reference to a T (typically a 'static buffer) that can be lent out. `map(f)` takes the
// reference out for the duration of `f`, so a re-entrant `map` on the same cell finds it absent and does nothing:
// two live mutable references to the value can never exist. `take` / `put` / `replace` move ownership, e.g. of a
// DMA buffer into a device and back. The compiled `map` is a null check, two stores and the call (see
// tests/takecell_cost).
#pragma once

#include "kernel/core/option.h"
#include "kernel/core/slice.h"
#include "kernel/core/utility.h"

namespace keel {

template <typename T> class TakeCell {
 public:
  constexpr TakeCell() = default;
  constexpr explicit TakeCell(T& value) : value_(&value) {}
  TakeCell(TakeCell const&) = delete;
  TakeCell& operator=(TakeCell const&) = delete;

  constexpr bool is_some() const { return value_ != nullptr; }
  constexpr bool is_none() const { return value_ == nullptr; }

  /// Removes the reference and gives it to the caller; the cell is empty afterwards.
  constexpr Option<T&> take() const {
    T* value = value_;
    value_ = nullptr;
    return value != nullptr ? Option<T&>(*value) : Option<T&>();
  }

  /// Stores a reference (or nothing). Whatever the cell held before is dropped.
  constexpr void put(Option<T&> value) const {
    value_ = nullptr;
    value.map([this](T& v) { value_ = &v; });
  }

  /// Stores `value` and gives back what the cell held.
  constexpr Option<T&> replace(T& value) const {
    Option<T&> old = take();
    value_ = &value;
    return old;
  }

  /// Runs `f(T&)` if the value is present and not already lent out; otherwise does nothing. Returns whether `f`
  /// ran (void `f`) or Option of its result.
  template <typename F> constexpr auto map(F&& f) const {
    using R = InvokeResult<F, T&>;
    T* value = value_;
    if constexpr (is_same<R, void>) {
      if (value == nullptr) { return false; }
      value_ = nullptr;
      f(*value);
      value_ = value;
      return true;
    } else {
      if (value == nullptr) { return Option<R>(); }
      value_ = nullptr;
      Option<R> result(f(*value));
      value_ = value;
      return result;
    }
  }

  /// Like map, but gives `fallback` when the value is absent.
  template <typename F, typename R> constexpr R map_or(R fallback, F&& f) const {
    return map(forward<F>(f)).value_or(fallback);
  }

 private:
  mutable T* value_ = nullptr;
};

/// TakeCell of a slice: holds a 'static buffer (a Slice view) that moves into a device or a lower layer and back,
/// like Rust's TakeCell<'static, [u8]>. The handed-out Slice is the only live view: the cell is empty until `put`.
template <typename T> class TakeCell<Slice<T>> {
 public:
  constexpr TakeCell() = default;
  constexpr explicit TakeCell(Slice<T> buffer) : buffer_(buffer), present_(true) {}
  TakeCell(TakeCell const&) = delete;
  TakeCell& operator=(TakeCell const&) = delete;

  constexpr bool is_some() const { return present_; }
  constexpr bool is_none() const { return !present_; }

  constexpr Option<Slice<T>> take() const {
    if (!present_) { return none; }
    present_ = false;
    return buffer_;
  }
  constexpr void put(Slice<T> buffer) const {
    buffer_ = buffer;
    present_ = true;
  }
  constexpr Option<Slice<T>> replace(Slice<T> buffer) const {
    Option<Slice<T>> old = take();
    put(buffer);
    return old;
  }

  /// Runs `f(Slice<T>)` if the buffer is here and not lent out; the same re-entrancy rule as TakeCell<T>.
  template <typename F> constexpr auto map(F&& f) const {
    using R = InvokeResult<F, Slice<T>>;
    if constexpr (is_same<R, void>) {
      if (!present_) { return false; }
      present_ = false;
      f(buffer_);
      present_ = true;
      return true;
    } else {
      if (!present_) { return Option<R>(); }
      present_ = false;
      Option<R> result(f(buffer_));
      present_ = true;
      return result;
    }
  }

 private:
  mutable Slice<T> buffer_{};
  mutable bool present_ = false;
};

}  // namespace keel
