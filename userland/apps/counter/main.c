// SPDX-License-Identifier: Apache-2.0
// A well-behaved neighbour: "counter: N" every 100 ms for COUNTER_LINES lines, then "counter: done" and exit 0.
// Run beside a misbehaving app, it shows the other processes keep running.
#include <stdio.h>

#include "keel/alarm.h"

#ifndef COUNTER_LINES
#define COUNTER_LINES 20
#endif

int main(void) {
  for (int n = 1; n <= COUNTER_LINES; ++n) {
    printf("counter: %d\n", n);
    keel_status status = keel_delay_ms(100);
    if (status != KEEL_OK) {
      printf("counter: delay failed with %s (%d)\n", keel_status_name(status), (int)status);
      return 1;
    }
  }
  printf("counter: done\n");
  return 0;
}
