// SPDX-License-Identifier: Apache-2.0
// Misbehaving: a system call with class 9, a class the ABI does not have (rv32: ecall with 9 in a4; Cortex-M: svc 9).
// The kernel must fault the process.
#include <stdio.h>

#include "keel/syscall.h"

int main(void) {
#if defined(__riscv)
  printf("unknown_syscall: ecall with class 9 (no such class)\n");
#else
  printf("unknown_syscall: svc 9 (no such class)\n");
#endif
  keel_syscall_return r = keel_syscall(9, 0, 0, 0, 0);
#if defined(__riscv)
  printf("unknown_syscall: ERROR: the call returned (a0 = 0x%08x)\n", (unsigned)r.variant);
#else
  printf("unknown_syscall: ERROR: the call returned (r0 = 0x%08x)\n", (unsigned)r.variant);
#endif
  return 1;
}
