// SPDX-License-Identifier: Apache-2.0
// Result<T>: a value or an ErrorCode. Result<void> is success or an ErrorCode. Propagate with KEEL_TRY
// (standard C++, no statement expressions): a handler reads as guard clauses and a straight chain.
#pragma once

#include "kernel/core/error_code.h"
#include "kernel/core/move.h"
#include "kernel/core/panic.h"
#include "kernel/core/utility.h"

namespace keel {

/// Wraps an error so `return Error(ErrorCode::Inval);` converts to any Result.
struct Error {
  ErrorCode code;
  explicit constexpr Error(ErrorCode c) : code(c) {}
};

template <typename T> class [[nodiscard]] Result {
 public:
  constexpr Result(T value) : value_(move(value)) {}           // implicit: `return value;`
  constexpr Result(Error error) : error_(error.code), ok_(false) {}  // implicit: `return Error(...);`

  constexpr bool is_ok() const { return ok_; }
  constexpr bool is_error() const { return !ok_; }

  constexpr T& value() & KEEL_LIFETIMEBOUND {
    if (!ok_) { KEEL_PANIC("Result::value on an error"); }
    return value_;
  }
  constexpr T const& value() const& KEEL_LIFETIMEBOUND {
    if (!ok_) { KEEL_PANIC("Result::value on an error"); }
    return value_;
  }
  /// From a temporary Result, the value itself (a reference into the temporary would dangle).
  constexpr T value() && {
    if (!ok_) { KEEL_PANIC("Result::value on an error"); }
    return move(value_);
  }
  constexpr T value() const&& = delete;
  constexpr ErrorCode error() const {
    if (ok_) { KEEL_PANIC("Result::error on a success"); }
    return error_;
  }
  constexpr T value_or(T fallback) const { return ok_ ? value_ : fallback; }

 private:
  T value_{};
  ErrorCode error_ = ErrorCode::Fail;
  bool ok_ = true;
};

/// One word, so it comes back in a register: the error's number, or 0 for success (no ErrorCode is 0).
template <> class [[nodiscard]] Result<void> {
 public:
  constexpr Result() = default;
  constexpr Result(Error error) : code_(static_cast<uint32_t>(error.code)) {}  // implicit: `return Error(...);`

  constexpr bool is_ok() const { return code_ == 0; }
  constexpr bool is_error() const { return code_ != 0; }
  constexpr ErrorCode error() const {
    if (code_ == 0) { KEEL_PANIC("Result::error on a success"); }
    return static_cast<ErrorCode>(code_);
  }

 private:
  static_assert(static_cast<uint32_t>(ErrorCode::Fail) == 1, "ErrorCode numbers start at 1: 0 means success here");
  uint32_t code_ = 0;
};

inline constexpr Result<void> success() { return {}; }

}  // namespace keel

/// Evaluates a Result<...> expression; on error returns that error from the enclosing function.
#define KEEL_TRY(expression)                                            \
  do {                                                                  \
    if (auto keel_try_result = (expression); keel_try_result.is_error()) { \
      return ::keel::Error(keel_try_result.error());                    \
    }                                                                   \
  } while (false)
