// SPDX-License-Identifier: Apache-2.0
// Misbehaving: prints once, then loops forever without a system call. Only the kernel's timeslice preemption lets
// other processes run.
#include <stdio.h>

int main(void) {
  printf("spin: looping forever without yielding\n");
  for (;;) {
    // An empty asm keeps the loop from being treated as undefined behaviour and deleted.
    __asm__ volatile("");
  }
}
