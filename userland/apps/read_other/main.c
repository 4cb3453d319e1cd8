// SPDX-License-Identifier: Apache-2.0
// Misbehaving: reads memory of another process. Must fault.
// Apps go wherever the layout puts them, so no other process's address is known at build time: the word just below
// our own RAM block, which is another process's RAM block (its grant region) or the kernel's data.
#include <stdint.h>
#include <stdio.h>

#include "keel/runtime.h"

int main(void) {
  uintptr_t target = keel_get_start_info()->mem_start - 4;
  printf("read_other: reading 0x%08x (just below its RAM block: another process's or the kernel's)\n",
         (unsigned)target);
  uint32_t value = *(volatile uint32_t*)target;
  printf("read_other: ERROR: the read was not stopped (read 0x%08x)\n", (unsigned)value);
  return 1;
}
