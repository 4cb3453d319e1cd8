// SPDX-License-Identifier: Apache-2.0
// Kernel panic: the one exit for a broken kernel invariant. Never used for anything a process can cause: a bad
// request gets an ErrorCode, a misbehaving process is faulted (see kernel/process_fault.h).
//
// TRUSTED: declares the panic entry and the KEEL_PANIC macro (__FILE__, __LINE__); PanicText holds a literal's
// address, which only a constant expression can give it.
#pragma once

#include "kernel/core/types.h"

namespace keel {

template <typename T> class StaticSlice;

/// A string literal, as the panic entry takes it. The constructor is consteval: only a constant expression makes
/// one, which cannot point at a local or a temporary and reads the array's contents, so the text is a constant array
/// of static storage that ends in a NUL (checked here, at compile time). Just the address is kept, so a panic passes
/// its file and reason in a register each. The panic entry comes before Slice (kernel/core/slice.h, which panics),
/// so this is its own small type; text() (defined in slice.h) reads it as a StaticSlice, up to the first NUL.
class PanicText {
 public:
  template <usize N> consteval PanicText(char const (&literal)[N]) : text_(literal) {  // implicit
    if (literal[N - 1] != '\0') { panic_text_without_nul(); }
  }
  constexpr StaticSlice<char const> text() const;

 private:
  static void panic_text_without_nul();  // never defined: calling it makes the constant expression fail
  char const* text_;
};

/// Prints "Kernel panic at FILE:LINE: WHY" on the board's panic writer and stops. Each board (or the host test
/// harness) provides the definition.
[[noreturn]] void panic(PanicText file, int line, PanicText why);
/// The same, with three values printed in hex after the reason (trap registers and the like).
[[noreturn]] void panic_with_values(PanicText file, int line, PanicText why, uint32_t a, uint32_t b, uint32_t c);

}  // namespace keel

#define KEEL_PANIC(why) ::keel::panic(__FILE__, __LINE__, why)
#define KEEL_PANIC_WITH_VALUES(why, a, b, c) ::keel::panic_with_values(__FILE__, __LINE__, why, a, b, c)

/// Checks a kernel invariant; a false condition is a kernel bug, so it panics with the condition's text.
#define KEEL_ASSERT(condition)                                  \
  do {                                                          \
    if (!(condition)) { KEEL_PANIC("assertion failed: " #condition); } \
  } while (false)
