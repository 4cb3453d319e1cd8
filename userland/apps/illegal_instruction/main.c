// SPDX-License-Identifier: Apache-2.0
// Misbehaving: executes instructions user mode may not run. Must fault.
// rv32: reads mstatus, a machine-mode CSR, from user mode (illegal instruction), and, should that survive, executes an
// all-zero instruction word (illegal by definition).
// Cortex-M: ARMv7-M has no instruction that faults only because the process is unprivileged (MRS/MSR/CPS quietly do
// nothing), so the equivalents are the permanently undefined encodings: UDF #0 (16-bit), then UDF.W #0 (32-bit).
// Each raises a UsageFault (UNDEFINSTR).
#include <stdio.h>

int main(void) {
#if defined(__riscv)
  printf("illegal_instruction: reading mstatus (a machine-mode CSR) from user mode\n");
  // csrr a0, mstatus, spelled as its encoding because apps are built without the Zicsr extension.
  __asm__ volatile(".word 0x30002573" ::: "a0");
  printf("illegal_instruction: ERROR: the CSR read was not stopped; executing 0x00000000\n");
  __asm__ volatile(".word 0x00000000");
  printf("illegal_instruction: ERROR: the zero instruction was not stopped\n");
#else
  printf("illegal_instruction: executing udf #0 (permanently undefined)\n");
  __asm__ volatile(".inst.n 0xde00");
  printf("illegal_instruction: ERROR: udf #0 was not stopped; executing udf.w #0\n");
  __asm__ volatile(".inst.w 0xf7f0a000");
  printf("illegal_instruction: ERROR: udf.w #0 was not stopped\n");
#endif
  return 1;
}
