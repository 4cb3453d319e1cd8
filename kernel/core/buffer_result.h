// SPDX-License-Identifier: Apache-2.0
// BufferResult<T>: what a split-phase call that takes a StaticBuffer answers. Success: the callee keeps the buffer
// until the one callback that hands it back. Error: the buffer comes straight back with the error (like Tock's
// `Err((ErrorCode, &'static mut [u8]))`), so a refused buffer is never lost and never stays with two owners.
#pragma once

#include "kernel/core/error_code.h"
#include "kernel/core/panic.h"
#include "kernel/core/result.h"
#include "kernel/core/slice.h"
#include "kernel/core/utility.h"

namespace keel {

template <typename T> class [[nodiscard]] BufferResult {
 public:
  /// The callee took the buffer.
  constexpr BufferResult() = default;
  /// The callee refused the buffer and gives it back.
  constexpr BufferResult(ErrorCode code, StaticBuffer<T> buffer) : status_(Error(code)), buffer_(move(buffer)) {}

  constexpr bool is_ok() const { return status_.is_ok(); }
  constexpr bool is_error() const { return status_.is_error(); }
  constexpr ErrorCode error() const { return status_.error(); }
  constexpr Result<void> status() const { return status_; }

  /// The refused buffer. Only on an error: on success the callee has it.
  constexpr StaticBuffer<T> take_buffer() {
    if (status_.is_ok()) { KEEL_PANIC("BufferResult::take_buffer on a success"); }
    return move(buffer_);
  }

 private:
  Result<void> status_{};
  StaticBuffer<T> buffer_{};
};

}  // namespace keel
