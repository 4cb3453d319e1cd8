// SPDX-License-Identifier: Apache-2.0
// Option<T>: a value that may be absent, with no sentinel values. Option<T&> holds a reference (a pointer inside,
// never exposed). Reading an absent value is a kernel bug and panics; `value_or`, `map` and `if (auto v = ...)` are
// the ordinary ways to read one.
#pragma once

#include "kernel/core/move.h"
#include "kernel/core/panic.h"
#include "kernel/core/ref.h"
#include "kernel/core/utility.h"

namespace keel {

struct NoneType {
  explicit constexpr NoneType(int /*unused*/) {}
};
inline constexpr NoneType none{0};

template <typename T> class [[nodiscard]] Option {
 public:
  constexpr Option() = default;
  constexpr Option(NoneType /*unused*/) {}  // implicit: lets `return value;` build an Option
  constexpr Option(T value) : value_(move(value)), present_(true) {}  // implicit: lets `return value;` build an Option

  constexpr bool is_some() const { return present_; }
  constexpr bool is_none() const { return !present_; }
  constexpr explicit operator bool() const { return present_; }

  constexpr T& value() & KEEL_LIFETIMEBOUND {
    if (!present_) { KEEL_PANIC("Option::value on an empty Option"); }
    return value_;
  }
  constexpr T const& value() const& KEEL_LIFETIMEBOUND {
    if (!present_) { KEEL_PANIC("Option::value on an empty Option"); }
    return value_;
  }
  /// From a temporary Option, the value itself (a reference into the temporary would dangle).
  constexpr T value() && {
    if (!present_) { KEEL_PANIC("Option::value on an empty Option"); }
    return move(value_);
  }
  constexpr T value() const&& = delete;
  constexpr T value_or(T fallback KEEL_LIFETIMEBOUND) const { return present_ ? value_ : fallback; }

  /// Moves the value out, leaving the Option empty.
  constexpr Option take() {
    Option out = move(*this);
    present_ = false;
    return out;
  }

  /// Runs `f(value)` if there is a value; gives Option<result> (or bool whether it ran, for void functions).
  template <typename F> constexpr auto map(F&& f) {
    using R = InvokeResult<F, T&>;
    if constexpr (is_same<R, void>) {
      if (present_) { f(value_); }
      return present_;
    } else {
      return present_ ? Option<R>(f(value_)) : Option<R>();
    }
  }

  friend constexpr bool operator==(Option const& a, Option const& b) {
    return a.present_ == b.present_ && (!a.present_ || a.value_ == b.value_);
  }

 private:
  T value_{};
  bool present_ = false;
};

template <typename T> class [[nodiscard]] KEEL_VIEW Option<T&> {
 public:
  constexpr Option() = default;
  constexpr Option(NoneType /*unused*/) {}  // implicit: lets `return value;` build an Option
  constexpr Option(T& value KEEL_LIFETIMEBOUND) : ref_(value) {}  // implicit: lets `return value;` build an Option

  constexpr bool is_some() const { return !ref_.is_null(); }
  constexpr bool is_none() const { return ref_.is_null(); }
  constexpr explicit operator bool() const { return !ref_.is_null(); }

  constexpr T& value() const { return ref_.get(); }

  template <typename F> constexpr auto map(F&& f) const {
    using R = InvokeResult<F, T&>;
    if constexpr (is_same<R, void>) {
      if (is_some()) { f(ref_.get()); }
      return is_some();
    } else {
      return is_some() ? Option<R>(f(ref_.get())) : Option<R>();
    }
  }

  /// Whether both refer to the same object (identity, not value equality).
  constexpr bool refers_to(T const& other) const { return ref_.refers_to(other); }

 private:
  Ref<T> ref_{};
};

}  // namespace keel
