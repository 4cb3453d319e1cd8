// SPDX-License-Identifier: Apache-2.0
// OptionalCell<T>: a Cell holding an optional, trivially-copyable value (a process id, a pending length). Reading
// copies out, so there is nothing to lend and nothing to re-enter.
// ClientCell<T>: the client a lower layer calls back (a StaticRef to it), set once wiring is done.
#pragma once

#include "kernel/core/cell.h"
#include "kernel/core/option.h"
#include "kernel/core/ref.h"
#include "kernel/core/utility.h"

namespace keel {

template <typename T> class OptionalCell {
 public:
  constexpr OptionalCell() = default;
  constexpr explicit OptionalCell(T value) : value_(value), present_(true) {}
  OptionalCell(OptionalCell const&) = delete;
  OptionalCell& operator=(OptionalCell const&) = delete;

  constexpr bool is_some() const { return present_.get(); }
  constexpr bool is_none() const { return !present_.get(); }
  constexpr Option<T> get() const { return present_.get() ? Option<T>(value_.get()) : Option<T>(); }
  constexpr T value_or(T fallback) const { return present_.get() ? value_.get() : fallback; }
  constexpr void set(T value) const {
    value_.set(value);
    present_.set(true);
  }
  constexpr void insert(Option<T> value) const {
    present_.set(value.is_some());
    if (value.is_some()) { value_.set(value.value()); }
  }
  constexpr void clear() const { present_.set(false); }
  constexpr Option<T> take() const {
    Option<T> out = get();
    present_.set(false);
    return out;
  }
  constexpr bool contains(T const& other) const { return present_.get() && value_.get() == other; }

  template <typename F> constexpr auto map(F&& f) const {
    using R = InvokeResult<F, T&>;
    static_assert(is_map_result<R>, "map must not give back a reference or view");
    T copy = value_.get();
    if constexpr (is_same<R, void>) {
      if (present_.get()) { f(copy); }
      return present_.get();
    } else {
      return present_.get() ? Option<R>(f(copy)) : Option<R>();
    }
  }

 private:
  Cell<T> value_{};
  Cell<bool> present_{false};
};

template <typename T> class ClientCell {
 public:
  constexpr ClientCell() = default;
  ClientCell(ClientCell const&) = delete;
  ClientCell& operator=(ClientCell const&) = delete;

  constexpr void set(StaticRef<T const> client) const { client_.set(client); }
  constexpr void clear() const { client_.set(OptionalStaticRef<T const>()); }
  constexpr bool is_some() const { return client_.get().is_some(); }
  constexpr OptionalStaticRef<T const> get() const { return client_.get(); }
  /// Calls `f(client)` if a client is set; a missing client is a no-op, never a crash.
  template <typename F> constexpr bool map(F&& f) const {
    OptionalStaticRef<T const> const client = client_.get();
    if (client.is_none()) { return false; }
    f(client.get());
    return true;
  }

 private:
  Cell<OptionalStaticRef<T const>> client_{};
};

}  // namespace keel
