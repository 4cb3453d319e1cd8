// SPDX-License-Identifier: Apache-2.0
// OptionalCell<T>: a Cell holding an optional, trivially-copyable value (a process id, a client reference, a pending
// length). Reading copies out, so there is nothing to lend and nothing to re-enter.
#pragma once

#include "kernel/core/option.h"
#include "kernel/core/utility.h"

namespace keel {

template <typename T> class OptionalCell {
  static_assert(is_trivially_copyable<T>, "OptionalCell holds trivially copyable values");

 public:
  constexpr OptionalCell() = default;
  constexpr explicit OptionalCell(T value) : value_(value), present_(true) {}
  OptionalCell(OptionalCell const&) = delete;
  OptionalCell& operator=(OptionalCell const&) = delete;

  constexpr bool is_some() const { return present_; }
  constexpr bool is_none() const { return !present_; }
  constexpr Option<T> get() const { return present_ ? Option<T>(value_) : Option<T>(); }
  constexpr T value_or(T fallback) const { return present_ ? value_ : fallback; }
  constexpr void set(T value) const {
    value_ = value;
    present_ = true;
  }
  constexpr void insert(Option<T> value) const {
    present_ = value.is_some();
    if (present_) { value_ = value.value(); }
  }
  constexpr void clear() const { present_ = false; }
  constexpr Option<T> take() const {
    Option<T> out = get();
    present_ = false;
    return out;
  }
  constexpr bool contains(T const& other) const { return present_ && value_ == other; }

  template <typename F> constexpr auto map(F&& f) const {
    using R = InvokeResult<F, T&>;
    T copy = value_;
    if constexpr (is_same<R, void>) {
      if (present_) { f(copy); }
      return present_;
    } else {
      return present_ ? Option<R>(f(copy)) : Option<R>();
    }
  }

 private:
  mutable T value_{};
  mutable bool present_ = false;
};

/// A reference to a client object that can be set once wiring is done (OptionalCell of a reference).
template <typename T> class ClientCell {
 public:
  constexpr ClientCell() = default;
  ClientCell(ClientCell const&) = delete;
  ClientCell& operator=(ClientCell const&) = delete;

  constexpr void set(T const& client) const { client_ = &client; }
  constexpr void clear() const { client_ = nullptr; }
  constexpr bool is_some() const { return client_ != nullptr; }
  constexpr Option<T const&> get() const {
    return client_ != nullptr ? Option<T const&>(*client_) : Option<T const&>();
  }
  /// Calls `f(client)` if a client is set; a missing client is a no-op, never a crash.
  template <typename F> constexpr bool map(F&& f) const {
    if (client_ == nullptr) { return false; }
    f(*client_);
    return true;
  }

 private:
  mutable T const* client_ = nullptr;
};

}  // namespace keel
