// SPDX-License-Identifier: Apache-2.0
// Prints "faulter: start", then loads from address 4 (outside anything a process may touch): one fault per run, for
// the restart-policy test.
#include <stdint.h>
#include <stdio.h>

// volatile so the compiler cannot prove the address and replace the load with a trap of its own.
static volatile uintptr_t bad_address = 4;

int main(void) {
  printf("faulter: start\n");
  uint32_t value = *(volatile uint32_t*)bad_address;  // faults (tests/qemu/cases.py looks for this line)
  printf("faulter: ERROR: the load from 0x%08x was not stopped (read 0x%08x)\n", (unsigned)bad_address,
         (unsigned)value);
  return 1;
}
