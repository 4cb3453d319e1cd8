// SPDX-License-Identifier: Apache-2.0
// Timers (keel/timer.h) on the process's one kernel alarm: the list (timer_list.c) is ordered by expiration and the
// kernel alarm is kept armed for its first timer. The alarm upcall runs every expired timer in order of expiration,
// then arms the kernel alarm for the new first one.
#include "keel/timer.h"

#include <stddef.h>

#include "alarm_internal.h"
#include "keel/alarm.h"
#include "timer_list.h"

static keel_timer* timers;
static bool subscribed;
// Callbacks running (a callback may yield, so the upcall may nest): the upcall arms the kernel alarm once at its end,
// and changes made by callbacks wait for that.
static unsigned dispatch_depth;
// What the kernel alarm was last armed for, to skip arming it again for the same expiration.
static bool kernel_armed;
static uint32_t armed_reference;
static uint32_t armed_dt;
static uint32_t hertz;  // 0 until first asked

static keel_status arm_kernel(void) {
  if (dispatch_depth > 0) return KEEL_OK;
  if (timers == NULL) {
    if (kernel_armed) (void)keel_alarm_stop();  // ALREADY: it fired meanwhile, and is disarmed anyway
    kernel_armed = false;
    return KEEL_OK;
  }
  if (kernel_armed && armed_reference == timers->reference && armed_dt == timers->dt) return KEEL_OK;
  // An expiration that has already passed is fine: the kernel then fires at once.
  keel_status status = keel_alarm_set_absolute(timers->reference, timers->dt, NULL);
  kernel_armed = status == KEEL_OK;
  armed_reference = timers->reference;
  armed_dt = timers->dt;
  return status;
}

static void rearm_after_delay(void) {
  kernel_armed = false;
  (void)arm_kernel();
}

// The kernel alarm's upcall. Its arguments are not trusted to match the list (it may be left over from an earlier
// arming): every timer expired by a fresh reading of the counter runs. The counter is read again after each
// callback, so a timer a callback starts (its reference taken later than a stale `now`) never looks expired early.
static void on_alarm(int upcall_now, int upcall_expiration, int unused, void* appdata) {
  (void)upcall_now;
  (void)upcall_expiration;
  (void)unused;
  (void)appdata;
  ++dispatch_depth;
  for (;;) {
    uint32_t now = 0;
    if (keel_alarm_now(&now) != KEEL_OK) break;
    keel_timer* timer = keel_timer_list_take_expired(&timers, now);
    if (timer == NULL) break;
    uint32_t expiration = timer->reference + timer->dt;
    if (timer->period != 0) {
      keel_timer_advance(timer);
      keel_timer_list_insert(&timers, timer, now);
    } else {
      timer->pending = false;
    }
    if (timer->fn != NULL) timer->fn(timer, expiration, now, timer->appdata);
  }
  --dispatch_depth;
  // The kernel alarm fired, so it is disarmed (or, if this upcall was left over, armed for a timer that may have
  // been cancelled since): arm it for the first timer whatever it was armed for before.
  kernel_armed = false;
  (void)arm_kernel();
}

static keel_status start(keel_timer* timer, uint32_t reference, uint32_t dt, uint32_t period, keel_timer_fn fn,
                         void* appdata, uint32_t now) {
  if (!subscribed) {
    keel_status status = keel_alarm_subscribe(on_alarm, NULL);
    if (status != KEEL_OK) return status;
    subscribed = true;
    keel_alarm_rearm_timers = rearm_after_delay;
  }
  if (timer->pending) (void)keel_timer_list_remove(&timers, timer);
  timer->reference = reference;
  timer->dt = dt;
  timer->period = period;
  timer->fn = fn;
  timer->appdata = appdata;
  timer->pending = true;
  keel_timer_list_insert(&timers, timer, now);
  return arm_kernel();
}

keel_status keel_timer_start_at(keel_timer* timer, uint32_t reference, uint32_t dt, uint32_t period, keel_timer_fn fn,
                                void* appdata) {
  if (timer == NULL) return KEEL_ERR_INVAL;
  uint32_t now = 0;
  keel_status status = keel_alarm_now(&now);
  if (status != KEEL_OK) return status;
  return start(timer, reference, dt, period, fn, appdata, now);
}

keel_status keel_timer_start(keel_timer* timer, uint32_t dt, keel_timer_fn fn, void* appdata) {
  if (timer == NULL) return KEEL_ERR_INVAL;
  uint32_t now = 0;
  keel_status status = keel_alarm_now(&now);
  if (status != KEEL_OK) return status;
  return start(timer, now, dt, 0, fn, appdata, now);
}

keel_status keel_timer_start_periodic(keel_timer* timer, uint32_t period, keel_timer_fn fn, void* appdata) {
  // A period of 0 would be due again the moment it ran, forever.
  if (timer == NULL || period == 0) return KEEL_ERR_INVAL;
  uint32_t now = 0;
  keel_status status = keel_alarm_now(&now);
  if (status != KEEL_OK) return status;
  return start(timer, now, period, period, fn, appdata, now);
}

static keel_status ms_to_ticks(uint32_t milliseconds, uint32_t* ticks) {
  if (hertz == 0) {
    keel_status status = keel_alarm_frequency(&hertz);
    if (status != KEEL_OK) return status;
  }
  *ticks = keel_alarm_ms_to_ticks(milliseconds, hertz);
  return KEEL_OK;
}

keel_status keel_timer_start_ms(keel_timer* timer, uint32_t milliseconds, keel_timer_fn fn, void* appdata) {
  uint32_t ticks = 0;
  keel_status status = ms_to_ticks(milliseconds, &ticks);
  return status == KEEL_OK ? keel_timer_start(timer, ticks, fn, appdata) : status;
}

keel_status keel_timer_every_ms(keel_timer* timer, uint32_t milliseconds, keel_timer_fn fn, void* appdata) {
  uint32_t ticks = 0;
  keel_status status = ms_to_ticks(milliseconds, &ticks);
  return status == KEEL_OK ? keel_timer_start_periodic(timer, ticks, fn, appdata) : status;
}

keel_status keel_timer_cancel(keel_timer* timer) {
  if (timer == NULL) return KEEL_ERR_INVAL;
  // Asking the list, not only the flag, so that cancelling a timer that was never started is harmless.
  bool was_pending = timer->pending && keel_timer_list_remove(&timers, timer);
  timer->pending = false;
  return was_pending ? arm_kernel() : KEEL_ERR_ALREADY;
}

bool keel_timer_is_pending(const keel_timer* timer) { return timer != NULL && timer->pending; }

uint32_t keel_timer_expiration(const keel_timer* timer) { return timer->reference + timer->dt; }
