// SPDX-License-Identifier: Apache-2.0
// Self-test kernels: a board built with KEEL_SELF_TEST=<case> breaks one of the kernel's own memory protections
// right after turning them on, so a test (tests/qemu/cases.py) sees what a kernel bug of that kind ends in: the
// fault report, not corrupted state. The functions live in tests/selftest/, linked into those kernels only;
// production kernels neither define the macro nor call them.
#pragma once

#include "kernel/writer.h"

namespace keel::self_test {

enum class Case { None = 0, WriteKernelText = 1, OverflowKernelStack = 2 };

#ifdef KEEL_SELF_TEST
inline constexpr Case kCase = static_cast<Case>(KEEL_SELF_TEST);
#else
inline constexpr Case kCase = Case::None;
#endif

/// Stores a word into the kernel's own text: kernel text is read-only, so this must fault.
[[noreturn]] void write_kernel_text();
/// Calls itself without bound: the kernel stack's guard must stop it.
[[noreturn]] void overflow_kernel_stack();

/// What a board calls once its memory protection is on and `out` (its debug writer) works: in a self-test kernel,
/// says which bug it commits and commits it; in any other, nothing.
inline void run(Writer const& out) {
  if constexpr (kCase == Case::WriteKernelText) {
    out.str("keel: self-test: writing to the kernel's text\n");
    write_kernel_text();
  } else if constexpr (kCase == Case::OverflowKernelStack) {
    out.str("keel: self-test: overflowing the kernel stack\n");
    overflow_kernel_stack();
  }
}

}  // namespace keel::self_test
