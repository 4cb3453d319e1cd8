// SPDX-License-Identifier: Apache-2.0
// What Keel's crt0 learnt at start-up, and the runtime's hooks into picolibc (stdout buffer, heap).
//
// Usage: keel_get_start_info() gives the four values the kernel passed to the process's first instruction. printf and
// puts go to a line buffer that is written with one console command per line (or per full buffer);
// keel_stdout_flush() pushes out a partial line, and exit() does so too.
#ifndef KEEL_RUNTIME_H
#define KEEL_RUNTIME_H

// Completion codes crt0 exits with when it cannot start the app (the values are also printed through low-level
// debug first). Macros, not an enum, because crt0's assembly uses them.
// rv32 (fixed addresses):
//   KEEL_EXIT_WRONG_RAM    process RAM is not where the app was linked (prints actual, linked)
//   KEEL_EXIT_WRONG_FLASH  the app binary is not where it was linked (prints actual, linked)
// Cortex-M (position-independent):
//   KEEL_EXIT_WRONG_RAM    mem_start is not 8-byte aligned (prints mem_start, 8)
//   KEEL_EXIT_WRONG_FLASH  the kernel's app_start (r0) is not where crt0 finds itself (prints app_start, found)
//   KEEL_EXIT_BAD_LAYOUT   crt0 found no layout table before itself: a build problem (prints address, word read)
// Both: KEEL_EXIT_NO_RAM   brk to cover stack, .data and .bss failed (prints wanted break, error)
// C++ apps (src/cxx_runtime.cpp; each prints a line saying so first):
//   KEEL_EXIT_OUT_OF_MEMORY  operator new found no memory (without exceptions it cannot throw)
//   KEEL_EXIT_PURE_VIRTUAL   a pure virtual (or deleted virtual) function was called
#define KEEL_EXIT_WRONG_RAM 0x0BAD0001
#define KEEL_EXIT_WRONG_FLASH 0x0BAD0002
#define KEEL_EXIT_NO_RAM 0x0BAD0003
#define KEEL_EXIT_BAD_LAYOUT 0x0BAD0004
#define KEEL_EXIT_OUT_OF_MEMORY 0x0BAD0005
#define KEEL_EXIT_PURE_VIRTUAL 0x0BAD0006

#ifndef __ASSEMBLER__

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct keel_start_info {
  uintptr_t app_start;  // address of the app binary (TBF start + header + protected trailer)
  uintptr_t mem_start;  // process RAM block, grant region included
  uintptr_t mem_length;
  uintptr_t app_break;  // the break after crt0 made room for the stack, .data, .bss
} keel_start_info;

const keel_start_info* keel_get_start_info(void);

// The heap libc's malloc grows with sbrk(): [start, end) is in use.
uintptr_t keel_heap_start(void);
uintptr_t keel_heap_end(void);

void keel_stdout_flush(void);

#ifdef __cplusplus
}
#endif

#endif  // __ASSEMBLER__

#endif  // KEEL_RUNTIME_H
