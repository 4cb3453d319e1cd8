// SPDX-License-Identifier: Apache-2.0
// Kernel panic: the one exit for a broken kernel invariant. Never used for anything a process can cause: a bad
// request gets an ErrorCode, a misbehaving process is faulted (see kernel/process_fault.h).
#pragma once

#include "kernel/core/types.h"

namespace keel {

/// Prints "Kernel panic at FILE:LINE: WHY" on the board's panic writer and stops. Each board (or the host test
/// harness) provides the definition.
[[noreturn]] void panic(char const* file, int line, char const* why);
/// The same, with three values printed in hex after the reason (trap registers and the like).
[[noreturn]] void panic_with_values(char const* file, int line, char const* why, uint32_t a, uint32_t b, uint32_t c);

}  // namespace keel

#define KEEL_PANIC(why) ::keel::panic(__FILE__, __LINE__, why)
#define KEEL_PANIC_WITH_VALUES(why, a, b, c) ::keel::panic_with_values(__FILE__, __LINE__, why, a, b, c)

/// Checks a kernel invariant; a false condition is a kernel bug, so it panics with the condition's text.
#define KEEL_ASSERT(condition)                                  \
  do {                                                          \
    if (!(condition)) { KEEL_PANIC("assertion failed: " #condition); } \
  } while (false)
