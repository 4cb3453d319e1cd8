// SPDX-License-Identifier: Apache-2.0
// Five periodic alarm ticks, 100 ms apart and drift-free (each alarm is set relative to the previous expiration).
//
// One line per tick N:
//   timer: tick N at T ms (asked for ≥ D): waited W ticks, asked A (before B, expiration E, upcall U, after F, H Hz)
// T and D are milliseconds since the start. B and F are the tick counter read just before arming and just after
// waking, E the expiration the kernel reported, U the "now" the upcall carried; W = F - B and A = E - B (0 when the
// expiration had already passed), in wrapping 32-bit arithmetic. The alarm fired early if W < A; the line then ends
// with "EARLY".
#include <inttypes.h>
#include <stdio.h>

#include "keel/alarm.h"

enum { kTicks = 5, kPeriodMs = 100 };

static int fail(const char* what, keel_status status) {
  printf("timer: %s failed with %s (%d)\n", what, keel_status_name(status), (int)status);
  return 1;
}

int main(void) {
  uint32_t hertz = 0;
  keel_status status = keel_alarm_frequency(&hertz);
  if (status != KEEL_OK) return fail("frequency", status);
  uint32_t period = keel_alarm_ms_to_ticks(kPeriodMs, hertz);
  uint32_t start = 0;
  status = keel_alarm_now(&start);
  if (status != KEEL_OK) return fail("now", status);

  uint32_t reference = start;
  for (uint32_t n = 1; n <= kTicks; ++n) {
    uint32_t before = 0;
    uint32_t expiration = 0;
    uint32_t upcall_now = 0;
    uint32_t after = 0;
    if ((status = keel_alarm_now(&before)) != KEEL_OK) return fail("now", status);
    if ((status = keel_alarm_set_absolute(reference, period, &expiration)) != KEEL_OK) return fail("set", status);
    keel_alarm_wait(expiration, &upcall_now);
    if ((status = keel_alarm_now(&after)) != KEEL_OK) return fail("now", status);
    uint32_t waited = after - before;
    uint32_t asked = (int32_t)(expiration - before) > 0 ? expiration - before : 0;
    printf("timer: tick %" PRIu32 " at %" PRIu32 " ms (asked for ≥ %" PRIu32 "): waited %" PRIu32 " ticks, asked %" PRIu32
           " (before %" PRIu32 ", expiration %" PRIu32 ", upcall %" PRIu32 ", after %" PRIu32 ", %" PRIu32 " Hz)%s\n",
           n, keel_alarm_ticks_to_ms(after - start, hertz), n * (uint32_t)kPeriodMs, waited, asked, before,
           expiration, upcall_now, after, hertz, waited < asked ? " EARLY" : "");
    reference = expiration;
  }
  return 0;
}
