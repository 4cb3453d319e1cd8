// SPDX-License-Identifier: Apache-2.0
// Checks Keel's C runtime on target: crt0's RAM set-up (.data copied, .bss zeroed, constructors run), errno (rv32:
// thread-local storage at tp; Cortex-M: newlib's reentrancy structure, reached through the relocated GOT), malloc
// on the sbrk heap, printf formatting, and that the start-up values agree with memop. Prints "libc_check: ok <what>"
// per check, then "libc_check: N passed, M failed" and exits with M.
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keel/calls.h"
#include "keel/runtime.h"

static int initialised = 42;
static int zeroed;
static int constructed;
static int passed;
static int failed;

__attribute__((constructor)) static void construct(void) { constructed = 1; }

static void check(int ok, const char* what) {
  printf("libc_check: %s %s\n", ok ? "ok" : "FAIL", what);
  if (ok) ++passed;
  else ++failed;
}

int main(void) {
  check(initialised == 42, ".data holds its initial value");
  check(zeroed == 0, ".bss is zero");
  check(constructed == 1, "constructors ran before main");

  const keel_start_info* info = keel_get_start_info();
  check(info->mem_start == (uintptr_t)keel_memory_start(), "mem_start matches memop 2");
  check(info->app_start - (uintptr_t)keel_flash_start() == 0x80, "app binary sits 0x80 into the TBF (memop 4)");
  check(info->mem_start + info->mem_length == (uintptr_t)keel_memory_end(), "mem_start + mem_len matches memop 3");

  errno = 0;
  long big = strtol("99999999999999999999", NULL, 10);
#if defined(__PICOLIBC__)
  check(big == LONG_MAX && errno == ERANGE, "errno (thread-local) is set by strtol");
#else
  check(big == LONG_MAX && errno == ERANGE, "errno (newlib's reentrancy structure) is set by strtol");
#endif

  char* small = malloc(1000);
  check(small != NULL, "malloc(1000) inside the heap reservation");
  if (small != NULL) memset(small, 0xA5, 1000);
  char* more = malloc(2000);
  check(more != NULL && (more >= small + 1000 || more + 2000 <= small), "a second malloc does not overlap the first");
  free(more);
  free(small);
  errno = 0;
  void* huge = malloc(1 << 20);
  check(huge == NULL && errno == ENOMEM, "malloc(1 MiB) fails cleanly with ENOMEM");
  // Growing past the reservation asks the kernel (memop sbrk); it may or may not have room, both are fine.
  void* beyond = malloc(8192);
  printf("libc_check: note malloc(8192) beyond the reservation %s\n", beyond != NULL ? "succeeded" : "was refused");
  free(beyond);

  char text[64];
  snprintf(text, sizeof text, "%d|%u|%x|%08X|%s|%c|%5d|%-3d|", -7, 7u, 0xbeefu, 0xCAFEu, "str", 'c', 42, 1);
  check(strcmp(text, "-7|7|beef|0000CAFE|str|c|   42|1  |") == 0, "printf formats integers and strings");

  printf("libc_check: %d passed, %d failed\n", passed, failed);
  return failed;
}
