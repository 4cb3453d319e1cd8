// SPDX-License-Identifier: Apache-2.0
// Timers: any number of one-shot and periodic alarms per process, kept by libkeel on the process's one kernel alarm
// (driver 0x0, keel/alarm.h).
//
// Usage:
//   static keel_timer blink;
//   static void on_blink(keel_timer* timer, uint32_t expiration, uint32_t now, void* appdata) { ... }
//   keel_timer_every_ms(&blink, 500, on_blink, NULL);   // every 500 ms, until keel_timer_cancel(&blink)
//   for (;;) keel_yield_wait();                          // (keel/calls.h) callbacks run here: only in a yield
//
// The timer is the caller's memory (static, or a local that stays in scope while the timer is pending), and needs no
// initialisation before its first start: libkeel links it into its list, ordered by expiration, and keeps the kernel
// alarm armed for the earliest one. Callbacks run from the alarm upcall, so only inside keel_yield_wait() (or
// keel_yield_no_wait()), never inside the blocking calls that wait in yield wait-for (keel_delay_ms, console and RNG
// reads and writes): a timer that expires during one of those runs right after it, late.
// A callback may start, restart or cancel any timer, its own included.
//
// Time is the kernel's 32-bit tick counter, which wraps: every comparison is modulo 2^32, so timers are right across
// the wrap as long as an expiration is less than 2^32 ticks after its reference (at 10 MHz: 7 minutes) and the
// reference is not in the future. A periodic timer is re-armed from its previous expiration, not from the time its
// callback ran, so it does not drift; if the process was held up for several periods, the callback runs once for
// each missed period, at once.
//
// The raw kernel-alarm calls of keel/alarm.h (keel_alarm_set_*, keel_alarm_stop, keel_alarm_subscribe, and
// keel_alarm_wait after them) drive the same one kernel alarm: do not mix them with timers. keel_delay_ms() does mix:
// when the delay ends, the kernel alarm is armed for the earliest timer again.
#ifndef KEEL_TIMER_H
#define KEEL_TIMER_H

#include <stdbool.h>
#include <stdint.h>

#include "keel/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct keel_timer keel_timer;

// Runs once per expiration: `expiration` is the tick it was due at, `now` the tick count when it ran (now minus
// expiration is how late it ran). For a periodic timer the next expiration is already set (keel_timer_expiration).
typedef void (*keel_timer_fn)(keel_timer* timer, uint32_t expiration, uint32_t now, void* appdata);

// The fields belong to libkeel while the timer is pending; read them through the functions below.
struct keel_timer {
  uint32_t reference;  // the timer expires once now - reference >= dt (modulo 2^32)
  uint32_t dt;
  uint32_t period;  // ticks between expirations of a periodic timer; 0 for a one-shot timer
  keel_timer_fn fn;  // may be NULL: the timer then only counts time (keel_timer_is_pending)
  void* appdata;
  keel_timer* next;  // the next timer to expire
  bool pending;
};

// One-shot: fn runs once, dt ticks from now. Restarts the timer if it is pending.
keel_status keel_timer_start(keel_timer* timer, uint32_t dt, keel_timer_fn fn, void* appdata);
// Periodic: fn runs every `period` ticks (the first time one period from now). INVAL for a period of 0.
keel_status keel_timer_start_periodic(keel_timer* timer, uint32_t period, keel_timer_fn fn, void* appdata);
// General form: first expiration at reference + dt (reference a tick that has passed, such as an earlier
// expiration), then every `period` ticks after it, or none when period is 0.
keel_status keel_timer_start_at(keel_timer* timer, uint32_t reference, uint32_t dt, uint32_t period, keel_timer_fn fn,
                                void* appdata);
// The same in milliseconds (rounded up to whole ticks).
keel_status keel_timer_start_ms(keel_timer* timer, uint32_t milliseconds, keel_timer_fn fn, void* appdata);
keel_status keel_timer_every_ms(keel_timer* timer, uint32_t milliseconds, keel_timer_fn fn, void* appdata);
// Stops a pending timer (its callback will not run); KEEL_ERR_ALREADY if it was not pending.
keel_status keel_timer_cancel(keel_timer* timer);
bool keel_timer_is_pending(const keel_timer* timer);
// The tick the timer is next due at (meaningful while it is pending).
uint32_t keel_timer_expiration(const keel_timer* timer);

#ifdef __cplusplus
}
#endif

#endif  // KEEL_TIMER_H
