// SPDX-License-Identifier: Apache-2.0
// Hooks between the runtime's own files (crt0's C half, the heap, stdio); not for apps.
#ifndef KEEL_RUNTIME_INTERNAL_H
#define KEEL_RUNTIME_INTERNAL_H

#include <stdint.h>

// The heap starts at `start` (end of .bss); the kernel's break is `kernel_break` (at least `start`).
void keel_heap_init(uintptr_t start, uintptr_t kernel_break);

#if !defined(__PICOLIBC__)
// newlib only: stdout line-buffered in a static buffer, stderr on the same stream (stdio_newlib.c).
void keel_stdio_init(void);
#endif

#endif  // KEEL_RUNTIME_INTERNAL_H
