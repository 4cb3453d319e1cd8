#include "kernel/upcall_queue.h"

#include <gtest/gtest.h>

namespace {

keel::PendingUpcall upcall(uint32_t driver, uint32_t number, uint32_t function, uint32_t arg = 0) {
  return keel::PendingUpcall{{driver, number}, {function, 0}, {{arg, 0, 0}}};
}

TEST(UpcallQueue, DeliversOldestFunctionFirst) {
  keel::UpcallQueue q;
  EXPECT_TRUE(q.push(upcall(1, 0, 0x100, 1)));
  EXPECT_TRUE(q.push(upcall(2, 0, 0x200, 2)));
  EXPECT_EQ(q.pop_deliverable().value().args[0], 1U);
  EXPECT_EQ(q.pop_deliverable().value().args[0], 2U);
  EXPECT_TRUE(q.pop_deliverable().is_none());
}

TEST(UpcallQueue, NullSubscriptionEventsAreNotDeliverableButWaitForGetsThem) {
  keel::UpcallQueue q;
  q.push(upcall(1, 1, 0, 7));
  EXPECT_FALSE(q.has_deliverable());
  EXPECT_TRUE(q.has_matching({1, 1}));
  EXPECT_EQ(q.pop_matching({1, 1}).value().args[0], 7U);
  EXPECT_EQ(q.size(), 0U);
}

TEST(UpcallQueue, NullEventReplacesOlderOneWithSameId) {
  keel::UpcallQueue q;
  q.push(upcall(1, 1, 0, 1));
  q.push(upcall(1, 1, 0, 2));
  EXPECT_EQ(q.size(), 1U);
  EXPECT_EQ(q.pop_matching({1, 1}).value().args[0], 2U);
}

TEST(UpcallQueue, FullQueueEvictsNullEventsBeforeRefusing) {
  keel::UpcallQueue q;
  q.push(upcall(9, 0, 0, 99));
  for (uint32_t i = 0; i < keel::UpcallQueue::kCapacity - 1; ++i) { EXPECT_TRUE(q.push(upcall(1, i, 0x100, i))); }
  EXPECT_TRUE(q.push(upcall(2, 0, 0x100, 50))) << "the null event makes room";
  EXPECT_FALSE(q.has_matching({9, 0}));
  EXPECT_FALSE(q.push(upcall(3, 0, 0x100))) << "full of deliverable upcalls";
}

TEST(UpcallQueue, RemoveAllKeepsOrderOfOthers) {
  keel::UpcallQueue q;
  q.push(upcall(1, 0, 0x100, 1));
  q.push(upcall(2, 0, 0x100, 2));
  q.push(upcall(1, 0, 0x100, 3));
  q.push(upcall(3, 0, 0x100, 4));
  q.remove_all({1, 0});
  EXPECT_EQ(q.pop_deliverable().value().args[0], 2U);
  EXPECT_EQ(q.pop_deliverable().value().args[0], 4U);
}

}  // namespace
