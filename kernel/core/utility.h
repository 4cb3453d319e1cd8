// SPDX-License-Identifier: Apache-2.0
// The few pieces of <utility> and <type_traits> trusted code uses, built on compiler intrinsics (move, forward and
// InvokeResult are untrusted, in kernel/core/move.h).
//
// TRUSTED: trusted code computes bounds with these (align_up, min): an untrusted version could move
// them.
#pragma once

#include "kernel/core/types.h"

namespace keel {

template <typename A, typename B> struct IsSame { static constexpr bool value = false; };
template <typename A> struct IsSame<A, A> { static constexpr bool value = true; };
template <typename A, typename B> inline constexpr bool is_same = IsSame<A, B>::value;


/// The integer helpers, as static members of one class: trusted code calls these (`Bits::align_up`), never the free
/// functions below, because a class cannot be reopened: no declaration in an untrusted header (an overload that
/// matches better, a using-declaration, a function in an unnamed namespace) can stand in for a member, as it can
/// for a free function found by unqualified lookup.
struct Bits final {
  static constexpr uint32_t min(uint32_t a, uint32_t b) { return b < a ? b : a; }
  static constexpr uint32_t max(uint32_t a, uint32_t b) { return a < b ? b : a; }
  static constexpr uint32_t align_up(uint32_t value, uint32_t alignment) {
    return (value + alignment - 1U) & ~(alignment - 1U);
  }
  static constexpr bool is_aligned(uint32_t value, uint32_t alignment) { return (value & (alignment - 1U)) == 0; }
  static constexpr uint32_t lowest_set_bit(uint32_t bits) {
    return bits == 0 ? 32U : static_cast<uint32_t>(__builtin_ctz(bits));
  }
  static constexpr uint32_t leading_zeros(uint32_t bits) {
    return bits == 0 ? 32U : static_cast<uint32_t>(__builtin_clz(bits));
  }
};

// For untrusted code.
template <typename T> constexpr T min(T a, T b) { return b < a ? b : a; }
template <typename T> constexpr T max(T a, T b) { return a < b ? b : a; }
constexpr uint32_t align_up(uint32_t value, uint32_t alignment) { return Bits::align_up(value, alignment); }
constexpr bool is_aligned(uint32_t value, uint32_t alignment) { return Bits::is_aligned(value, alignment); }
constexpr uint32_t lowest_set_bit(uint32_t bits) { return Bits::lowest_set_bit(bits); }
constexpr uint32_t leading_zeros(uint32_t bits) { return Bits::leading_zeros(bits); }

}  // namespace keel
