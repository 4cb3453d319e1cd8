// SPDX-License-Identifier: Apache-2.0
// Second half of crt0: on rv32 lays out RAM (.data and .tdata copied from flash, .bss zeroed; on Cortex-M
// crt0_armv7m.S has done that and relocated it), starts the heap, runs constructors and main, then exit() (which
// flushes stdout and terminates with main's return value).
#include <stdlib.h>
#include <string.h>

#include "keel/calls.h"
#include "keel/runtime.h"
#include "runtime_internal.h"

// Linker-script symbols (keel_app.ld): only their addresses mean anything.
extern char _keel_heap_start[], _keel_stack_top[];
#if defined(__riscv)
extern char _keel_data_load[], _keel_data_start[], _keel_data_end[];
extern char _keel_tdata_load[], _keel_tdata_start[], _keel_tdata_end[];
extern char _keel_bss_start[], _keel_bss_end[];
#endif

extern void __libc_init_array(void);
int main(int argc, char* argv[]);

_Noreturn void _keel_start_c(uintptr_t app_start, uintptr_t mem_start, uintptr_t mem_length, uintptr_t app_break);

static keel_start_info start_info;

#if defined(__riscv)
static size_t span(const char* start, const char* end) { return (size_t)((uintptr_t)end - (uintptr_t)start); }
#endif

void _keel_start_c(uintptr_t app_start, uintptr_t mem_start, uintptr_t mem_length, uintptr_t app_break) {
#if defined(__riscv)
  memcpy(_keel_data_start, _keel_data_load, span(_keel_data_start, _keel_data_end));
  memcpy(_keel_tdata_start, _keel_tdata_load, span(_keel_tdata_start, _keel_tdata_end));
  // A restarted process may get its old RAM back, so .bss is cleared here rather than trusted to be zero.
  memset(_keel_bss_start, 0, span(_keel_bss_start, _keel_bss_end));
#endif

  start_info.app_start = app_start;
  start_info.mem_start = mem_start;
  start_info.mem_length = mem_length;
  start_info.app_break = app_break;
  keel_heap_init((uintptr_t)_keel_heap_start, app_break);
  // Hints only (the fault report shows them); a kernel without them is fine.
  (void)keel_debug_stack_top(_keel_stack_top);
  (void)keel_debug_heap_start(_keel_heap_start);

#if !defined(__PICOLIBC__)
  keel_stdio_init();
#endif
  __libc_init_array();
  static char* argv[] = {NULL};
  exit(main(0, argv));
}

const keel_start_info* keel_get_start_info(void) { return &start_info; }
