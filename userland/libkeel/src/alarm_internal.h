// SPDX-License-Identifier: Apache-2.0
// Between the kernel-alarm wrappers (alarm.c) and the timers built on them (timer.c); not for apps.
#ifndef KEEL_ALARM_INTERNAL_H
#define KEEL_ALARM_INTERNAL_H

// Set by timer.c when the first timer starts; keel_delay_ms() calls it once the delay is over, because the delay
// armed the one kernel alarm for itself (and may have taken a timer's upcall). A pointer, not a call, so that apps
// without timers do not link them.
extern void (*keel_alarm_rearm_timers)(void);

#endif  // KEEL_ALARM_INTERNAL_H
