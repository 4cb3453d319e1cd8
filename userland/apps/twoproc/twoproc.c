// SPDX-License-Identifier: Apache-2.0
// One half of the two-process demo (built twice, TWOPROC_LETTER = A or B): ten long lines with a yield between, so
// the two processes' lines interleave on the console while each line stays whole.
#include <stdio.h>

#include "keel/calls.h"

#define STRINGIFY_(x) #x
#define STRINGIFY(x) STRINGIFY_(x)

enum { kLines = 10 };

int main(void) {
  for (int line = 1; line <= kLines; ++line) {
    printf("%s: line %d abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789\n", STRINGIFY(TWOPROC_LETTER),
           line);
    (void)keel_yield_no_wait();
  }
  return 0;
}
