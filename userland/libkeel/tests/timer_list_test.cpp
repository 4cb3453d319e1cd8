// SPDX-License-Identifier: Apache-2.0
// Host tests of the timers' ordered list (src/timer_list.c, compiled for the host as it is): order by expiration
// across the 32-bit counter's wrap, first come first served on ties, expiry, removal, and the drift-free period.
#include <gtest/gtest.h>

#include <stdint.h>

#include <string>
#include <vector>

#include "timer_list.h"

namespace {

keel_timer timer_at(uint32_t reference, uint32_t dt, uint32_t period = 0) {
  keel_timer timer{};
  timer.reference = reference;
  timer.dt = dt;
  timer.period = period;
  return timer;
}

// The list as the expirations it holds, first first.
std::vector<uint32_t> expirations(keel_timer* head) {
  std::vector<uint32_t> result;
  for (keel_timer* t = head; t != nullptr; t = t->next) result.push_back(t->reference + t->dt);
  return result;
}

TEST(TimerList, OrdersByExpirationWhateverTheInsertionOrder) {
  keel_timer a = timer_at(1000, 300), b = timer_at(1000, 100), c = timer_at(1050, 100), d = timer_at(900, 500);
  keel_timer* head = nullptr;
  uint32_t const now = 1060;
  for (keel_timer* t : {&a, &b, &c, &d}) keel_timer_list_insert(&head, t, now);
  EXPECT_EQ(expirations(head), (std::vector<uint32_t>{1100, 1150, 1300, 1400}));
}

TEST(TimerList, OrdersAcrossTheCounterWrap) {
  // now just before the wrap: one expiration before it, two after it (numerically small), one far after.
  uint32_t const now = 0xFFFFFF00u;
  keel_timer before_wrap = timer_at(0xFFFFFE00u, 0x180);  // 0xFFFFFF80
  keel_timer just_after = timer_at(0xFFFFFF00u, 0x110);   // 0x00000010
  keel_timer later = timer_at(0xFFFFFEF0u, 0x1000);       // 0x00000EF0
  keel_timer far = timer_at(0x7FFFFFFFu, 0x90000000u);    // 0x0FFFFFFF, a reference half the counter ago
  keel_timer* head = nullptr;
  for (keel_timer* t : {&far, &later, &just_after, &before_wrap}) keel_timer_list_insert(&head, t, now);
  EXPECT_EQ(expirations(head), (std::vector<uint32_t>{0xFFFFFF80u, 0x10u, 0xEF0u, 0x0FFFFFFFu}));
  // A plain numeric order would put the three after the wrap first.
  EXPECT_NE(expirations(head).front(), 0x10u);
}

TEST(TimerList, OrderStaysRightAsTimeCrossesTheWrap) {
  keel_timer a = timer_at(0xFFFFFFF0u, 0x20);  // 0x10, after the wrap
  keel_timer b = timer_at(0xFFFFFFF0u, 0x08);  // 0xFFFFFFF8, before it
  keel_timer* head = nullptr;
  keel_timer_list_insert(&head, &a, 0xFFFFFFF0u);
  keel_timer_list_insert(&head, &b, 0xFFFFFFF0u);
  // A third inserted after the wrap, when b has expired and a has not: b, then a, then it.
  keel_timer c = timer_at(0x4, 0x100);
  keel_timer_list_insert(&head, &c, 0x4);
  EXPECT_EQ(expirations(head), (std::vector<uint32_t>{0xFFFFFFF8u, 0x10u, 0x104u}));
}

TEST(TimerList, EqualExpirationsKeepTheirInsertionOrder) {
  keel_timer first = timer_at(100, 50), second = timer_at(120, 30), third = timer_at(140, 10);
  keel_timer* head = nullptr;
  for (keel_timer* t : {&first, &second, &third}) keel_timer_list_insert(&head, t, 140);
  EXPECT_EQ(head, &first);
  EXPECT_EQ(head->next, &second);
  EXPECT_EQ(head->next->next, &third);
}

TEST(TimerList, AnExpiredTimerGoesAheadOfPendingOnes) {
  keel_timer pending = timer_at(1000, 10), expired = timer_at(900, 50);
  keel_timer* head = nullptr;
  keel_timer_list_insert(&head, &pending, 1005);
  keel_timer_list_insert(&head, &expired, 1005);
  EXPECT_EQ(head, &expired);
  EXPECT_EQ(keel_timer_ticks_left(&expired, 1005), 0u);
  EXPECT_EQ(keel_timer_ticks_left(&pending, 1005), 5u);
}

TEST(TimerList, HasExpiredAtItsExpirationAndNotBefore) {
  keel_timer t = timer_at(0xFFFFFFFAu, 10);  // due at 4, after the wrap
  EXPECT_FALSE(keel_timer_has_expired(&t, 0xFFFFFFFFu));
  EXPECT_FALSE(keel_timer_has_expired(&t, 3));
  EXPECT_TRUE(keel_timer_has_expired(&t, 4));
  EXPECT_TRUE(keel_timer_has_expired(&t, 5000));
  keel_timer now_due = timer_at(77, 0);
  EXPECT_TRUE(keel_timer_has_expired(&now_due, 77));
}

TEST(TimerList, TakeExpiredTakesOnlyDueTimersInOrder) {
  keel_timer a = timer_at(0, 10), b = timer_at(0, 20), c = timer_at(0, 30);
  keel_timer* head = nullptr;
  for (keel_timer* t : {&c, &a, &b}) keel_timer_list_insert(&head, t, 0);
  EXPECT_EQ(keel_timer_list_take_expired(&head, 9), nullptr);
  EXPECT_EQ(keel_timer_list_take_expired(&head, 25), &a);
  EXPECT_EQ(a.next, nullptr);
  EXPECT_EQ(keel_timer_list_take_expired(&head, 25), &b);
  EXPECT_EQ(keel_timer_list_take_expired(&head, 25), nullptr);
  EXPECT_EQ(head, &c);
  keel_timer* empty = nullptr;
  EXPECT_EQ(keel_timer_list_take_expired(&empty, 25), nullptr);
}

TEST(TimerList, RemoveUnlinksFromAnyPlaceAndReportsAbsence) {
  keel_timer a = timer_at(0, 10), b = timer_at(0, 20), c = timer_at(0, 30), stranger = timer_at(0, 40);
  keel_timer* head = nullptr;
  for (keel_timer* t : {&a, &b, &c}) keel_timer_list_insert(&head, t, 0);
  EXPECT_TRUE(keel_timer_list_remove(&head, &b));
  EXPECT_EQ(expirations(head), (std::vector<uint32_t>{10, 30}));
  EXPECT_FALSE(keel_timer_list_remove(&head, &b));
  EXPECT_FALSE(keel_timer_list_remove(&head, &stranger));
  EXPECT_TRUE(keel_timer_list_remove(&head, &a));
  EXPECT_TRUE(keel_timer_list_remove(&head, &c));
  EXPECT_EQ(head, nullptr);
}

TEST(TimerList, PeriodicAdvanceCountsFromTheExpirationNotFromNow) {
  // First due after 25 ticks, then every 100: the n-th expiration is 25 + (n - 1) * 100 after the start however
  // late each one is taken, and the sequence runs on through the wrap.
  uint32_t const start = 0xFFFFFE00u;
  keel_timer t = timer_at(start, 25, 100);
  for (uint32_t n = 1; n <= 10; ++n) {
    EXPECT_EQ(static_cast<uint32_t>(t.reference + t.dt), static_cast<uint32_t>(start + 25 + (n - 1) * 100)) << n;
    keel_timer_advance(&t);
  }
  EXPECT_EQ(t.dt, 100u);
}

TEST(TimerList, ALateProcessCatchesUpOnePeriodAtATime) {
  // Taken 350 ticks late, a 100-tick periodic timer is due 3 more times at once, then pending again.
  keel_timer t = timer_at(0, 100, 100);
  keel_timer* head = nullptr;
  keel_timer_list_insert(&head, &t, 0);
  uint32_t const now = 450;
  int runs = 0;
  while (keel_timer* due = keel_timer_list_take_expired(&head, now)) {
    ++runs;
    keel_timer_advance(due);
    keel_timer_list_insert(&head, due, now);
  }
  EXPECT_EQ(runs, 4);  // 100, 200, 300, 400
  EXPECT_EQ(keel_timer_ticks_left(&t, now), 50u);
}

}  // namespace
