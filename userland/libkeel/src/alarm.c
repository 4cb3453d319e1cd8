// SPDX-License-Identifier: Apache-2.0
// Alarm driver wrappers and a blocking delay.
#include "keel/alarm.h"

#include <stddef.h>

#include "alarm_internal.h"

void (*keel_alarm_rearm_timers)(void);

keel_status keel_alarm_frequency(uint32_t* hertz) {
  return keel_command_u32(KEEL_DRIVER_ALARM, KEEL_ALARM_COMMAND_FREQUENCY, 0, 0, hertz);
}

keel_status keel_alarm_now(uint32_t* ticks) {
  return keel_command_u32(KEEL_DRIVER_ALARM, KEEL_ALARM_COMMAND_NOW, 0, 0, ticks);
}

keel_status keel_alarm_set_relative(uint32_t dt, uint32_t* expiration) {
  return keel_command_u32(KEEL_DRIVER_ALARM, KEEL_ALARM_COMMAND_SET_RELATIVE, dt, 0, expiration);
}

keel_status keel_alarm_set_absolute(uint32_t reference, uint32_t dt, uint32_t* expiration) {
  return keel_command_u32(KEEL_DRIVER_ALARM, KEEL_ALARM_COMMAND_SET_ABSOLUTE, reference, dt, expiration);
}

keel_status keel_alarm_stop(void) { return keel_command(KEEL_DRIVER_ALARM, KEEL_ALARM_COMMAND_STOP, 0, 0); }

keel_status keel_alarm_subscribe(keel_upcall_fn fired, void* appdata) {
  return keel_subscribe(KEEL_DRIVER_ALARM, KEEL_ALARM_UPCALL_FIRED, fired, appdata);
}

void keel_alarm_wait(uint32_t expiration, uint32_t* now) {
  for (;;) {
    keel_upcall_args fired = keel_yield_wait_for(KEEL_DRIVER_ALARM, KEEL_ALARM_UPCALL_FIRED);
    // An upcall left over from an earlier alarm carries another expiration and fired before ours could; skip it. A
    // "now" at or past our expiration (wrap-safe signed difference) is accepted too, so a driver that reports the
    // expiration differently can make us late but never early, and never hangs us.
    if (fired.arg1 == expiration || (int32_t)(fired.arg0 - expiration) >= 0) {
      if (now != NULL) *now = fired.arg0;
      return;
    }
  }
}

uint32_t keel_alarm_ms_to_ticks(uint32_t milliseconds, uint32_t hertz) {
  uint64_t ticks = ((uint64_t)milliseconds * hertz + 999) / 1000;
  return ticks > UINT32_MAX ? UINT32_MAX : (uint32_t)ticks;
}

uint32_t keel_alarm_ticks_to_ms(uint32_t ticks, uint32_t hertz) {
  if (hertz == 0) return 0;
  return (uint32_t)((uint64_t)ticks * 1000 / hertz);
}

keel_status keel_delay_ms(uint32_t milliseconds) {
  uint32_t hertz = 0;
  keel_status status = keel_alarm_frequency(&hertz);
  if (status != KEEL_OK) return status;
  uint32_t reference = 0;
  status = keel_alarm_now(&reference);
  if (status != KEEL_OK) return status;
  // Rounded up so the delay is never shorter than asked; long delays go in steps of at most half the counter's
  // range, the most a wrap-safe comparison can tell apart.
  uint64_t remaining = ((uint64_t)milliseconds * hertz + 999) / 1000;
  while (remaining > 0 && status == KEEL_OK) {
    uint32_t step = remaining > 0x7FFFFFFFu ? 0x7FFFFFFFu : (uint32_t)remaining;
    uint32_t expiration = 0;
    status = keel_alarm_set_absolute(reference, step, &expiration);
    if (status != KEEL_OK) break;
    keel_alarm_wait(expiration, NULL);
    reference = expiration;
    remaining -= step;
  }
  // The delay took the kernel alarm from the timers (and maybe one of their upcalls): give it back.
  if (keel_alarm_rearm_timers != NULL) keel_alarm_rearm_timers();
  return status;
}
