// SPDX-License-Identifier: Apache-2.0
// Cortex-M benchmark: the only process waits in yield for its alarm's upcall, so the kernel sleeps (wfi) until the
// timer interrupt; the trace gives the path from the wake-up to the first instruction of bench_alarm_upcall
// (bench/trace-bench).
#include "keel/alarm.h"
#include "keel/calls.h"

#define BENCH_ROUNDS 16

static volatile int fired;

__attribute__((noinline)) void bench_alarm_upcall(int now, int expiration, int unused, void* appdata) {
  (void)now;
  (void)expiration;
  (void)unused;
  (void)appdata;
  fired = 1;
}

int main(void) {
  if (keel_alarm_subscribe(bench_alarm_upcall, 0) != KEEL_OK) { return 1; }
  for (int i = 0; i < BENCH_ROUNDS; ++i) {
    uint32_t expiration = 0;
    fired = 0;
    if (keel_alarm_set_relative(2000, &expiration) != KEEL_OK) { return 1; }
    while (!fired) { keel_yield_wait(); }
  }
  return 0;
}
