// SPDX-License-Identifier: Apache-2.0
// The syscall fuzzer's neighbour: "fuzz_companion: N" for N = 1, 2, 3, ... every FUZZ_COMPANION_PERIOD_MS, for
// ever (the host test stops the run). Beside syscall_fuzz, its lines must come out complete and in order: whatever
// the fuzzer asks of the kernel must not disturb another process.
#include <stdio.h>

#include "keel/alarm.h"

#ifndef FUZZ_COMPANION_PERIOD_MS
#define FUZZ_COMPANION_PERIOD_MS 2
#endif

int main(void) {
  for (unsigned long n = 1;; ++n) {
    printf("fuzz_companion: %lu\n", n);
    keel_status const status = keel_delay_ms(FUZZ_COMPANION_PERIOD_MS);
    if (status != KEEL_OK) {
      printf("fuzz_companion: delay failed with %s (%d)\n", keel_status_name(status), (int)status);
      return 1;
    }
  }
}
