// SPDX-License-Identifier: Apache-2.0
// Misbehaving: recurses until the stack (at the bottom of its RAM block) runs below mem_start. Must fault.
#include <stdint.h>
#include <stdio.h>

#include "keel/runtime.h"

// Each frame holds a volatile array the compiler must keep, and the result is used after the call, so the recursion
// can be neither flattened into a loop nor turned into a tail call.
static uint32_t recurse(uint32_t depth) {
  volatile uint8_t frame[64];
  frame[0] = (uint8_t)depth;
  if (depth == UINT32_MAX) return 0;
  return recurse(depth + 1) + frame[0];
}

int main(void) {
  printf("stack_overflow: recursing until the stack runs below mem_start 0x%08x\n",
         (unsigned)keel_get_start_info()->mem_start);
  uint32_t result = recurse(0);
  printf("stack_overflow: ERROR: the recursion returned (%u)\n", (unsigned)result);
  return 1;
}
