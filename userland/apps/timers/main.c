// SPDX-License-Identifier: Apache-2.0
// Several timers at once on the process's one kernel alarm (keel/timer.h): three periodic ones with different
// periods, two one-shots, one of which the other cancels, and a periodic one that cancels itself. Callbacks only
// record each firing; the record is printed at the end, so printing cannot delay a firing.
//
//   E  every 25 ms (keel_timer_start_periodic), cancels itself in its 3rd callback: 25, 50, 75
//   A  every 30 ms from the common start tick S (keel_timer_start_at): 30, 60, 90, 120, 150
//   B  every 70 ms (keel_timer_every_ms): 70, 140
//   C  once at 80 ms (keel_timer_start_ms), cancels D
//   D  once at 110 ms (keel_timer_start): never runs
//   Z  once at 160 ms from S (keel_timer_start_at, period 0): ends the run
// A 5 ms keel_delay_ms right after starting them checks that a delay hands the kernel alarm back to the timers.
//
// Output: "timers: <hz> Hz", one "timers: fire N k exp +X late L" per firing in the order they ran (k: the timer's
// k-th firing, X = expiration - S in ticks, L = now - expiration in ticks), "timers: cancel D: OK" (from C's
// callback), the final cancel checks, then "timers: done". tests/qemu/cases.py (timers_order_and_count) checks them.
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

#include "keel/alarm.h"
#include "keel/timer.h"

enum { kMaxFirings = 32 };

typedef struct named_timer {
  keel_timer timer;
  char name;
  uint32_t count;
} named_timer;

typedef struct firing {
  char name;
  uint32_t count;
  uint32_t expiration;
  uint32_t now;
} firing;

static named_timer a = {.name = 'A'}, b = {.name = 'B'}, c = {.name = 'C'}, d = {.name = 'D'}, e = {.name = 'E'},
                   z = {.name = 'Z'};
static firing record[kMaxFirings];
static unsigned recorded;
static keel_status cancel_d_status = KEEL_ERR_FAIL;
static volatile bool finished;

static void note(named_timer* timer, uint32_t expiration, uint32_t now) {
  ++timer->count;
  if (recorded < kMaxFirings) record[recorded++] = (firing){timer->name, timer->count, expiration, now};
}

static void on_fire(keel_timer* timer, uint32_t expiration, uint32_t now, void* appdata) {
  (void)timer;
  note(appdata, expiration, now);
}

static void on_e(keel_timer* timer, uint32_t expiration, uint32_t now, void* appdata) {
  named_timer* self = appdata;
  note(self, expiration, now);
  if (self->count == 3) (void)keel_timer_cancel(timer);
}

static void on_c(keel_timer* timer, uint32_t expiration, uint32_t now, void* appdata) {
  (void)timer;
  note(appdata, expiration, now);
  cancel_d_status = keel_timer_cancel(&d.timer);
}

static void on_z(keel_timer* timer, uint32_t expiration, uint32_t now, void* appdata) {
  (void)timer;
  note(appdata, expiration, now);
  finished = true;
}

static int fail(const char* what, keel_status status) {
  printf("timers: ERROR: %s failed with %s (%d)\n", what, keel_status_name(status), (int)status);
  return 1;
}

int main(void) {
  uint32_t hertz = 0;
  keel_status status = keel_alarm_frequency(&hertz);
  if (status != KEEL_OK) return fail("frequency", status);
  uint32_t ms = hertz / 1000;
  printf("timers: %" PRIu32 " Hz\n", hertz);

  uint32_t start = 0;
  if ((status = keel_alarm_now(&start)) != KEEL_OK) return fail("now", status);
  if ((status = keel_timer_start_periodic(&e.timer, 25 * ms, on_e, &e)) != KEEL_OK) return fail("start E", status);
  if ((status = keel_timer_start_at(&a.timer, start, 30 * ms, 30 * ms, on_fire, &a)) != KEEL_OK) {
    return fail("start A", status);
  }
  if ((status = keel_timer_every_ms(&b.timer, 70, on_fire, &b)) != KEEL_OK) return fail("start B", status);
  if ((status = keel_timer_start_ms(&c.timer, 80, on_c, &c)) != KEEL_OK) return fail("start C", status);
  if ((status = keel_timer_start(&d.timer, 110 * ms, on_fire, &d)) != KEEL_OK) return fail("start D", status);
  if ((status = keel_timer_start_at(&z.timer, start, 160 * ms, 0, on_z, &z)) != KEEL_OK) return fail("start Z", status);
  if ((status = keel_delay_ms(5)) != KEEL_OK) return fail("delay", status);

  while (!finished) keel_yield_wait();

  for (unsigned i = 0; i < recorded; ++i) {
    printf("timers: fire %c %" PRIu32 " exp +%" PRIu32 " late %" PRIu32 "\n", record[i].name, record[i].count,
           record[i].expiration - start, record[i].now - record[i].expiration);
  }
  printf("timers: cancel D: %s\n", keel_status_name(cancel_d_status));
  // Still pending: the periodic A and B. Already ended: D (cancelled), E (cancelled itself), Z (fired).
  printf("timers: pending A %d B %d C %d D %d E %d Z %d\n", keel_timer_is_pending(&a.timer),
         keel_timer_is_pending(&b.timer), keel_timer_is_pending(&c.timer), keel_timer_is_pending(&d.timer),
         keel_timer_is_pending(&e.timer), keel_timer_is_pending(&z.timer));
  printf("timers: cancel A: %s, cancel B: %s, cancel D again: %s\n", keel_status_name(keel_timer_cancel(&a.timer)),
         keel_status_name(keel_timer_cancel(&b.timer)), keel_status_name(keel_timer_cancel(&d.timer)));
  printf("timers: done\n");
  return 0;
}
