// SPDX-License-Identifier: Apache-2.0
// Misbehaving: reads another slot's process RAM (0x80310000, or 0x80300000 when that is our own). Must fault.
#include <stdint.h>
#include <stdio.h>

#include "keel/runtime.h"

int main(void) {
  uintptr_t target = 0x80310000u;
  if (keel_get_start_info()->mem_start == target) target = 0x80300000u;
  printf("read_other: reading 0x%08x (another process's RAM)\n", (unsigned)target);
  uint32_t value = *(volatile uint32_t*)target;
  printf("read_other: ERROR: the read was not stopped (read 0x%08x)\n", (unsigned)value);
  return 1;
}
