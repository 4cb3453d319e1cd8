// SPDX-License-Identifier: Apache-2.0
// MapCell<T>: owns a T in place (not a reference, unlike TakeCell) behind the same map discipline: while `f` runs the
// cell reads as empty, so a re-entrant `map` is a no-op. T must be default-constructible (the empty state keeps a
// default T, which avoids any untyped storage).
#pragma once

#include "kernel/core/option.h"
#include "kernel/core/utility.h"

namespace keel {

template <typename T> class MapCell {
 public:
  constexpr MapCell() = default;
  constexpr explicit MapCell(T value) : value_(move(value)), present_(true) {}
  MapCell(MapCell const&) = delete;
  MapCell& operator=(MapCell const&) = delete;

  constexpr bool is_some() const { return present_; }
  constexpr bool is_none() const { return !present_; }

  /// Moves the value out; the cell is empty afterwards. Empty (or lent out by map) gives none.
  constexpr Option<T> take() const {
    if (!present_) { return none; }
    present_ = false;
    return Option<T>(move(value_));
  }

  /// Stores a value, replacing any held one.
  constexpr void put(T value) const {
    value_ = move(value);
    present_ = true;
  }

  /// Stores `value` and gives back the previous one, if any.
  constexpr Option<T> replace(T value) const {
    Option<T> old = take();
    put(move(value));
    return old;
  }

  /// Runs `f(T&)` if a value is held and not already being mapped. Returns whether it ran, or Option of its result.
  template <typename F> constexpr auto map(F&& f) const {
    using R = InvokeResult<F, T&>;
    if constexpr (is_same<R, void>) {
      if (!present_) { return false; }
      present_ = false;
      f(value_);
      present_ = true;
      return true;
    } else {
      if (!present_) { return Option<R>(); }
      present_ = false;
      Option<R> result(f(value_));
      present_ = true;
      return result;
    }
  }

 private:
  mutable T value_{};
  mutable bool present_ = false;
};

}  // namespace keel
