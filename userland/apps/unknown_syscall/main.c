// SPDX-License-Identifier: Apache-2.0
// Misbehaving: ecall with class 9 in a4, a class the ABI does not have. The kernel must fault the process.
#include <stdio.h>

#include "keel/syscall.h"

int main(void) {
  printf("unknown_syscall: ecall with class 9 (no such class)\n");
  keel_syscall_return r = keel_syscall(9, 0, 0, 0, 0);
  printf("unknown_syscall: ERROR: the call returned (a0 = 0x%08x)\n", (unsigned)r.variant);
  return 1;
}
