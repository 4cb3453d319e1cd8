// SPDX-License-Identifier: Apache-2.0
// sbrk() for the C library's malloc (picolibc calls sbrk, newlib _sbrk), backed by memop sbrk.
//
// The heap runs from the end of .bss up. The kernel's break usually starts above that already (the TBF's
// minimum_ram_size includes a heap reservation), so sbrk() first hands out what lies below the kernel's break and
// asks the kernel (memop 1) only for the part beyond it. Shrinking never gives memory back to the kernel.
#include <errno.h>
#include <stddef.h>
#include <unistd.h>

#include "keel/calls.h"
#include "keel/runtime.h"
#include "runtime_internal.h"

static uintptr_t heap_start;
static uintptr_t heap_end;
static uintptr_t kernel_break;

void keel_heap_init(uintptr_t start, uintptr_t initial_kernel_break) {
  heap_start = start;
  heap_end = start;
  kernel_break = initial_kernel_break;
}

uintptr_t keel_heap_start(void) { return heap_start; }
uintptr_t keel_heap_end(void) { return heap_end; }

void* sbrk(ptrdiff_t increment) {
  uintptr_t old_end = heap_end;
  uintptr_t new_end = old_end + (uintptr_t)increment;
  bool wrapped = increment >= 0 ? new_end < old_end : new_end > old_end;
  if (wrapped || new_end < heap_start) {
    errno = ENOMEM;
    return (void*)-1;
  }
  if (new_end > kernel_break) {
    uintptr_t grow = new_end - kernel_break;
    if (grow > (uintptr_t)INT32_MAX || keel_sbrk((int32_t)grow, NULL) != KEEL_OK) {
      errno = ENOMEM;
      return (void*)-1;
    }
    kernel_break = new_end;
  }
  heap_end = new_end;
  return (void*)old_end;
}

#if !defined(__PICOLIBC__)
// newlib (Cortex-M apps) grows its heap through _sbrk.
void* _sbrk(ptrdiff_t increment) { return sbrk(increment); }
#endif
