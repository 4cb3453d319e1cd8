// SPDX-License-Identifier: Apache-2.0
// Kernel panic: the one exit for a broken kernel invariant. Never used for anything a process can cause: a bad
// request gets an ErrorCode, a misbehaving process is faulted (see kernel/process_fault.h).
#pragma once

namespace keel {

/// Prints "Kernel panic at FILE:LINE: WHY" on the board's panic writer and stops. Each board (or the host test
/// harness) provides the definition.
[[noreturn]] void panic(char const* file, int line, char const* why);

}  // namespace keel

#define KEEL_PANIC(why) ::keel::panic(__FILE__, __LINE__, why)

/// Checks a kernel invariant; a false condition is a kernel bug, so it panics with the condition's text.
#define KEEL_ASSERT(condition)                                  \
  do {                                                          \
    if (!(condition)) { KEEL_PANIC("assertion failed: " #condition); } \
  } while (false)
