// SPDX-License-Identifier: Apache-2.0
// The timers' ordered list (timer_list.h). Ticks are compared only through unsigned differences, modulo 2^32.
#include "timer_list.h"

#include <stddef.h>

bool keel_timer_has_expired(const keel_timer* timer, uint32_t now) {
  return (uint32_t)(now - timer->reference) >= timer->dt;
}

uint32_t keel_timer_ticks_left(const keel_timer* timer, uint32_t now) {
  if (keel_timer_has_expired(timer, now)) return 0;
  return (uint32_t)(timer->reference + timer->dt - now);
}

void keel_timer_list_insert(keel_timer** head, keel_timer* timer, uint32_t now) {
  uint32_t left = keel_timer_ticks_left(timer, now);
  keel_timer** link = head;
  // After every timer due at or before it: equal expirations stay first come, first served.
  while (*link != NULL && keel_timer_ticks_left(*link, now) <= left) link = &(*link)->next;
  timer->next = *link;
  *link = timer;
}

bool keel_timer_list_remove(keel_timer** head, keel_timer* timer) {
  for (keel_timer** link = head; *link != NULL; link = &(*link)->next) {
    if (*link == timer) {
      *link = timer->next;
      timer->next = NULL;
      return true;
    }
  }
  return false;
}

keel_timer* keel_timer_list_take_expired(keel_timer** head, uint32_t now) {
  keel_timer* first = *head;
  if (first == NULL || !keel_timer_has_expired(first, now)) return NULL;
  *head = first->next;
  first->next = NULL;
  return first;
}

void keel_timer_advance(keel_timer* timer) {
  timer->reference += timer->dt;
  timer->dt = timer->period;
}
