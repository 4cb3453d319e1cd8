// SPDX-License-Identifier: Apache-2.0
// Alarm driver (0x0): a free-running tick counter and one one-shot alarm per process.
//
// Usage: ticks are 32-bit and wrap; compare them only by unsigned subtraction (now - reference). For more than one
// alarm, or periodic ones, use the timers of keel/timer.h, which libkeel keeps on this one alarm; the raw calls below
// that arm, stop or subscribe it are for apps that use no timers.
//
// Blocking: keel_delay_ms() and keel_alarm_wait() block this process (others run) in yield wait-for, so they need no
// subscribe and no callback runs meanwhile (not even a timer's: one that expires during a delay runs right after).
// A delay uses the process's one alarm and so cancels any alarm set with keel_alarm_set_*; timers survive it (the
// alarm is armed for them again when the delay ends).
#ifndef KEEL_ALARM_H
#define KEEL_ALARM_H

#include <stdint.h>

#include "keel/calls.h"

#ifdef __cplusplus
extern "C" {
#endif

enum {
  KEEL_DRIVER_ALARM = 0x0,
  KEEL_ALARM_UPCALL_FIRED = 0,
  KEEL_ALARM_COMMAND_FREQUENCY = 1,
  KEEL_ALARM_COMMAND_NOW = 2,
  KEEL_ALARM_COMMAND_STOP = 3,
  KEEL_ALARM_COMMAND_SET_RELATIVE = 5,
  KEEL_ALARM_COMMAND_SET_ABSOLUTE = 6,
};

keel_status keel_alarm_frequency(uint32_t* hertz);
keel_status keel_alarm_now(uint32_t* ticks);
// Arms the alarm for now + dt; *expiration (may be NULL) gets the tick it will fire at.
keel_status keel_alarm_set_relative(uint32_t dt, uint32_t* expiration);
// Arms the alarm for reference + dt: chaining reference = previous expiration gives a drift-free period.
keel_status keel_alarm_set_absolute(uint32_t reference, uint32_t dt, uint32_t* expiration);
// KEEL_ERR_ALREADY when the alarm was not armed.
keel_status keel_alarm_stop(void);
// fired(now, expiration, 0, appdata) when the alarm expires.
keel_status keel_alarm_subscribe(keel_upcall_fn fired, void* appdata);
// Blocks until the alarm upcall for `expiration` arrives (stale upcalls of earlier alarms are dropped); *now (may
// be NULL) gets the tick count the kernel reported.
void keel_alarm_wait(uint32_t expiration, uint32_t* now);
// Blocks for at least `milliseconds`.
keel_status keel_delay_ms(uint32_t milliseconds);

// Conversions at a given frequency, with 64-bit intermediates; ticks saturate at UINT32_MAX.
uint32_t keel_alarm_ms_to_ticks(uint32_t milliseconds, uint32_t hertz);
uint32_t keel_alarm_ticks_to_ms(uint32_t ticks, uint32_t hertz);

#ifdef __cplusplus
}
#endif

#endif  // KEEL_ALARM_H
