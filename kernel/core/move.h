// SPDX-License-Identifier: Apache-2.0
// move, forward and the call-result trait: the pieces of <utility> no trusted file uses (kernel/core/utility.h has
// the ones trusted code computes bounds with). Untrusted, and checked as such: static_cast between reference kinds.
#pragma once

#include "kernel/core/annotations.h"

namespace keel {

template <typename T> struct RemoveReference { using Type = T; };
template <typename T> struct RemoveReference<T&> { using Type = T; };
template <typename T> struct RemoveReference<T&&> { using Type = T; };
template <typename T> using RemoveReferenceT = typename RemoveReference<T>::Type;

template <typename T> constexpr RemoveReferenceT<T>&& move(T&& value KEEL_LIFETIMEBOUND) noexcept {
  return static_cast<RemoveReferenceT<T>&&>(value);
}

template <typename T> constexpr T&& forward(RemoveReferenceT<T>& value KEEL_LIFETIMEBOUND) noexcept { return static_cast<T&&>(value); }
template <typename T> constexpr T&& forward(RemoveReferenceT<T>&& value KEEL_LIFETIMEBOUND) noexcept { return static_cast<T&&>(value); }

template <typename T> T declval() noexcept;

/// The type a callable returns when called with the given arguments.
template <typename F, typename... Args> using InvokeResult = decltype(declval<F>()(declval<Args>()...));

}  // namespace keel
