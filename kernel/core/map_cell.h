// SPDX-License-Identifier: Apache-2.0
// MapCell<T>: owns a small trivially-copyable T in place (not a reference, unlike TakeCell) behind the map
// discipline: while `f` runs the cell is lent out, so a re-entrant `map` or `take` finds nothing and a `put` or
// `replace` is a kernel bug (panic). `f` works on a copy that is written back when it returns, so no reference into
// the cell ever exists and `f` cannot make one escape.
#pragma once

#include "kernel/core/cell.h"
#include "kernel/core/option.h"
#include "kernel/core/panic.h"
#include "kernel/core/utility.h"

namespace keel {

template <typename T> class MapCell {
  enum class State : uint8_t { Empty, Present, Lent };

 public:
  constexpr MapCell() = default;
  constexpr explicit MapCell(T value) : value_(value), state_(State::Present) {}
  MapCell(MapCell const&) = delete;
  MapCell& operator=(MapCell const&) = delete;

  constexpr bool is_some() const { return state_.get() == State::Present; }
  constexpr bool is_none() const { return state_.get() != State::Present; }

  /// Moves the value out; the cell is empty afterwards. Empty (or lent out by map) gives none.
  constexpr Option<T> take() const {
    if (state_.get() != State::Present) { return none; }
    state_.set(State::Empty);
    return Option<T>(value_.get());
  }

  /// Stores a value, replacing any held one. Not while lent out.
  constexpr void put(T value) const {
    if (state_.get() == State::Lent) { KEEL_PANIC("MapCell::put while the value is lent out by map"); }
    value_.set(value);
    state_.set(State::Present);
  }

  /// Stores `value` and gives back the previous one, if any. Not while lent out.
  constexpr Option<T> replace(T value) const {
    Option<T> old = take();
    put(value);
    return old;
  }

  /// Runs `f(T&)` if a value is held and not already being mapped. Returns whether it ran, or Option of its result.
  template <typename F> constexpr auto map(F&& f) const {
    using R = InvokeResult<F, T&>;
    static_assert(is_map_result<R>, "map must not give back a reference or view into the cell");
    if (state_.get() != State::Present) {
      if constexpr (is_same<R, void>) {
        return false;
      } else {
        return Option<R>();
      }
    }
    state_.set(State::Lent);
    T copy = value_.get();
    if constexpr (is_same<R, void>) {
      f(copy);
      value_.set(copy);
      state_.set(State::Present);
      return true;
    } else {
      Option<R> result(f(copy));
      value_.set(copy);
      state_.set(State::Present);
      return result;
    }
  }

 private:
  Cell<T> value_{};
  Cell<State> state_{State::Empty};
};

}  // namespace keel
