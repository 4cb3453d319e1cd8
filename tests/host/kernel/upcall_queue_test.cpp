#include "kernel/upcall_queue.h"

#include <gtest/gtest.h>

#include <optional>

namespace {

bool push(keel::UpcallQueue& q, uint32_t driver, uint32_t number, uint32_t function, uint32_t arg = 0) {
  return q.push(keel::UpcallId{driver, number}, keel::UpcallSlot{function, 0}, arg, 0, 0);
}

/// The first argument of the oldest deliverable upcall, removed; nullopt if there is none.
std::optional<uint32_t> take_deliverable(keel::UpcallQueue& q) {
  std::optional<uint32_t> arg;
  q.take_deliverable([&](keel::PendingUpcall const& u) { arg = u.args[0]; });
  return arg;
}

std::optional<uint32_t> take_matching(keel::UpcallQueue& q, keel::UpcallId id) {
  std::optional<uint32_t> arg;
  q.take_matching(id, [&](keel::PendingUpcall const& u) { arg = u.args[0]; });
  return arg;
}

TEST(UpcallQueue, DeliversOldestFunctionFirst) {
  keel::UpcallQueue q;
  EXPECT_TRUE(push(q, 1, 0, 0x100, 1));
  EXPECT_TRUE(push(q, 2, 0, 0x200, 2));
  EXPECT_EQ(take_deliverable(q), 1U);
  EXPECT_EQ(take_deliverable(q), 2U);
  EXPECT_EQ(take_deliverable(q), std::nullopt);
}

TEST(UpcallQueue, KeepsAllFieldsOfAnEntry) {
  keel::UpcallQueue q;
  EXPECT_TRUE(q.push(keel::UpcallId{7, 3}, keel::UpcallSlot{0x1234, 0x5678}, 10, 20, 30));
  bool seen = false;
  EXPECT_TRUE(q.take_deliverable([&](keel::PendingUpcall const& u) {
    seen = true;
    EXPECT_EQ(u.id, (keel::UpcallId{7, 3}));
    EXPECT_EQ(u.target.function, 0x1234U);
    EXPECT_EQ(u.target.appdata, 0x5678U);
    EXPECT_EQ(u.args[0], 10U);
    EXPECT_EQ(u.args[1], 20U);
    EXPECT_EQ(u.args[2], 30U);
  }));
  EXPECT_TRUE(seen);
  EXPECT_FALSE(q.take_deliverable([](keel::PendingUpcall const&) { ADD_FAILURE() << "the queue is empty"; }));
}

TEST(UpcallQueue, NullSubscriptionEventsAreNotDeliverableButWaitForGetsThem) {
  keel::UpcallQueue q;
  push(q, 1, 1, 0, 7);
  EXPECT_FALSE(q.has_deliverable());
  EXPECT_TRUE(q.has_matching({1, 1}));
  EXPECT_EQ(take_matching(q, {1, 1}), 7U);
  EXPECT_EQ(q.size(), 0U);
}

TEST(UpcallQueue, NullEventReplacesOlderOneWithSameId) {
  keel::UpcallQueue q;
  push(q, 1, 1, 0, 1);
  push(q, 1, 1, 0, 2);
  EXPECT_EQ(q.size(), 1U);
  EXPECT_EQ(take_matching(q, {1, 1}), 2U);
}

TEST(UpcallQueue, FullQueueEvictsNullEventsBeforeRefusing) {
  keel::UpcallQueue q;
  push(q, 9, 0, 0, 99);
  for (uint32_t i = 0; i < keel::UpcallQueue::kCapacity - 1; ++i) { EXPECT_TRUE(push(q, 1, i, 0x100, i)); }
  EXPECT_TRUE(push(q, 2, 0, 0x100, 50)) << "the null event makes room";
  EXPECT_FALSE(q.has_matching({9, 0}));
  EXPECT_FALSE(push(q, 3, 0, 0x100)) << "full of deliverable upcalls";
  for (uint32_t i = 0; i < keel::UpcallQueue::kCapacity - 1; ++i) { EXPECT_EQ(take_deliverable(q), i); }
  EXPECT_EQ(take_deliverable(q), 50U);
}

TEST(UpcallQueue, RemoveAllKeepsOrderOfOthers) {
  keel::UpcallQueue q;
  push(q, 1, 0, 0x100, 1);
  push(q, 2, 0, 0x100, 2);
  push(q, 1, 0, 0x100, 3);
  push(q, 3, 0, 0x100, 4);
  q.remove_all({1, 0});
  EXPECT_EQ(take_deliverable(q), 2U);
  EXPECT_EQ(take_deliverable(q), 4U);
  EXPECT_EQ(q.size(), 0U);
}

// The ring wraps: entries pushed after older ones were taken keep their order, also when one is taken from the
// middle (a yield-wait-for collecting a later event).
TEST(UpcallQueue, OrderSurvivesWrapAroundAndRemovalFromTheMiddle) {
  keel::UpcallQueue q;
  uint32_t next = 0;
  uint32_t expected = 0;
  for (int round = 0; round < 5; ++round) {
    for (int i = 0; i < 3; ++i) { EXPECT_TRUE(push(q, 1, 0, 0x100, next++)); }
    for (int i = 0; i < 2; ++i) { EXPECT_EQ(take_deliverable(q), expected++); }
  }
  push(q, 4, 4, 0x100, 1000);
  push(q, 1, 0, 0x100, next++);
  EXPECT_EQ(take_matching(q, {4, 4}), 1000U);
  while (expected < next) { EXPECT_EQ(take_deliverable(q), expected++); }
  EXPECT_EQ(q.size(), 0U);
}

}  // namespace
