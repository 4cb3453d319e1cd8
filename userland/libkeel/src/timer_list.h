// SPDX-License-Identifier: Apache-2.0
// The timers' list, ordered by expiration: pure list logic (no system calls), so the host tests compile it as it is
// (userland/libkeel/tests/timer_list_test.cpp). timer.c puts it on the kernel alarm.
//
// Order is by ticks left until expiration as seen from `now`, an expired timer counting 0: for timers whose
// references are not after `now` and whose dt is below 2^32, that is the order of their expirations however the
// counter wraps between them, and it stays the order as time passes (every pending timer's ticks left shrink alike;
// one that expires drops to 0, ahead of those still pending). Timers due at the same tick keep the order they were
// inserted in.
#ifndef KEEL_TIMER_LIST_H
#define KEEL_TIMER_LIST_H

#include <stdbool.h>
#include <stdint.h>

#include "keel/timer.h"

#ifdef __cplusplus
extern "C" {
#endif

bool keel_timer_has_expired(const keel_timer* timer, uint32_t now);
// 0 once expired.
uint32_t keel_timer_ticks_left(const keel_timer* timer, uint32_t now);
// Links `timer` (not in the list) in before the first timer due later than it.
void keel_timer_list_insert(keel_timer** head, keel_timer* timer, uint32_t now);
// Unlinks `timer`; false if it was not in the list.
bool keel_timer_list_remove(keel_timer** head, keel_timer* timer);
// Unlinks and returns the first timer if it has expired at `now`, else NULL.
keel_timer* keel_timer_list_take_expired(keel_timer** head, uint32_t now);
// Moves a timer that just expired on to its next period: the new reference is the expiration it just reached (not
// `now`), so a periodic timer never drifts.
void keel_timer_advance(keel_timer* timer);

#ifdef __cplusplus
}
#endif

#endif  // KEEL_TIMER_LIST_H
