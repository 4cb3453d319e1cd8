#include "kernel/core/cell.h"

#include <gtest/gtest.h>

namespace {

struct Counter {
  keel::Cell<uint32_t> count{0};
  void bump() const { count.set(count.get() + 1); }
};

TEST(Cell, GetCopiesOutAndSetCopiesIn) {
  keel::Cell<int> cell(5);
  EXPECT_EQ(cell.get(), 5);
  cell.set(7);
  EXPECT_EQ(cell.get(), 7);
}

TEST(Cell, ReplaceReturnsPreviousValue) {
  keel::Cell<int> cell(1);
  EXPECT_EQ(cell.replace(2), 1);
  EXPECT_EQ(cell.get(), 2);
}

TEST(Cell, MutatesThroughConstReference) {
  Counter const counter;
  Counter const& shared_a = counter;
  Counter const& shared_b = counter;
  shared_a.bump();
  shared_b.bump();
  EXPECT_EQ(counter.count.get(), 2U);
}

}  // namespace
