// SPDX-License-Identifier: Apache-2.0
// The deliberate kernel bugs of kernel/self_test.h, linked only into self-test kernels (never a board's real
// image, and outside the kernel folders the safety check covers: this is test code that must break the rules).
#include "kernel/self_test.h"

#include <stdint.h>

#include "kernel/debug_writer.h"

namespace keel::self_test {
namespace {

// A depth at which to stop that is never reached (0: none), read at run time so the compiler keeps the recursion.
volatile uint32_t stop_at = 0;

[[gnu::noinline]] uint32_t descend(uint32_t depth) {
  if (stop_at != 0 && depth == stop_at) { return depth; }
  volatile uint32_t frame[16];
  for (uint32_t i = 0; i < 16; ++i) { frame[i] = depth + i; }
  return descend(depth + 1) + frame[depth % 16];
}

}  // namespace

void write_kernel_text() {
  auto const target = reinterpret_cast<uintptr_t>(&write_kernel_text) & ~uintptr_t{3};
  *reinterpret_cast<volatile uint32_t*>(target) = 0;
  __builtin_trap();  // reached only if the store was allowed
}

void overflow_kernel_stack() {
  (void)descend(0);
  __builtin_trap();
}

}  // namespace keel::self_test
