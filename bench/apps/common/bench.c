// SPDX-License-Identifier: Apache-2.0
#include "bench.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "keel/alarm.h"
#include "keel/runtime.h"

void bench_fresh_timeslice(void) {
  uint32_t expiration = 0;
  keel_status status = keel_alarm_set_relative(1, &expiration);
  if (status != KEEL_OK) bench_fail("alarm_set_relative", status);
  keel_alarm_wait(expiration, NULL);
}

void bench_measure(const char* figure, bench_loop_fn loop, bench_loop_fn empty, uint32_t n, uint32_t p, uint32_t q) {
  for (uint32_t ops = n; ops <= 2 * n; ops += n) {
    bench_fresh_timeslice();
    uint32_t const with_calls = loop(ops, p, q);
    bench_fresh_timeslice();
    uint32_t const without = empty(ops, p, q);
    bench_line(figure, "ops=%lu loop=%lu empty=%lu", (unsigned long)ops, (unsigned long)with_calls,
               (unsigned long)without);
  }
}

void bench_line(const char* figure, const char* format, ...) {
  printf("bench: %s ", figure);
  va_list args;
  va_start(args, format);
  vprintf(format, args);
  va_end(args);
  printf("\n");
  keel_stdout_flush();
}

void bench_fail(const char* what, int status) {
  printf("bench: failed %s %d\n", what, status);
  exit(1);
}
