// SPDX-License-Identifier: Apache-2.0
// Misbehaving: reads mstatus, a machine-mode CSR, from user mode (illegal instruction), and, should that survive,
// executes an all-zero instruction word (illegal by definition). Must fault.
#include <stdio.h>

int main(void) {
  printf("illegal_instruction: reading mstatus (a machine-mode CSR) from user mode\n");
  // csrr a0, mstatus, spelled as its encoding because apps are built without the Zicsr extension.
  __asm__ volatile(".word 0x30002573" ::: "a0");
  printf("illegal_instruction: ERROR: the CSR read was not stopped; executing 0x00000000\n");
  __asm__ volatile(".word 0x00000000");
  printf("illegal_instruction: ERROR: the zero instruction was not stopped\n");
  return 1;
}
