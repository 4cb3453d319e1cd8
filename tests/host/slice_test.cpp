#include "kernel/core/array.h"
#include "kernel/core/slice.h"

#include <gtest/gtest.h>

#include "test_panic.h"

namespace {

TEST(Slice, IndexInBounds) {
  int storage[3] = {1, 2, 3};
  keel::Slice<int> s(storage);
  EXPECT_EQ(s.size(), 3U);
  EXPECT_EQ(s[2], 3);
  s[0] = 7;
  EXPECT_EQ(storage[0], 7);
}

TEST(Slice, IndexOutOfBoundsPanicsWithFileAndLine) {
  int storage[3] = {1, 2, 3};
  keel::Slice<int> s(storage);
  try {
    (void)s[3];
    FAIL() << "an out-of-bounds index returned";
  } catch (keel_test::KernelPanic const& panic) {
    std::string what = panic.what();
    EXPECT_NE(what.find("slice.h:"), std::string::npos) << what;
    EXPECT_NE(what.find("out of bounds"), std::string::npos) << what;
  }
}

TEST(Slice, GetGivesNoneOutOfBounds) {
  int storage[2] = {5, 6};
  keel::Slice<int> s(storage);
  EXPECT_EQ(s.get(1).value(), 6);
  EXPECT_TRUE(s.get(2).is_none());
  EXPECT_TRUE(s.get(SIZE_MAX).is_none());
}

TEST(Slice, SubsliceChecksBothEnds) {
  int storage[5] = {0, 1, 2, 3, 4};
  keel::Slice<int> s(storage);
  auto middle = s.subslice(1, 4);
  ASSERT_TRUE(middle.is_some());
  EXPECT_EQ(middle.value().size(), 3U);
  EXPECT_EQ(middle.value()[0], 1);
  EXPECT_THROW((void)middle.value()[3], keel_test::KernelPanic);
  EXPECT_TRUE(s.subslice(3, 2).is_none());
  EXPECT_TRUE(s.subslice(0, 6).is_none());
  EXPECT_TRUE(s.subslice(5, 5).is_some());
  EXPECT_EQ(s.first(9).size(), 5U);
  EXPECT_EQ(s.skip(4).size(), 1U);
  EXPECT_EQ(s.skip(9).size(), 0U);
}

TEST(Slice, CopyFromCopiesTheShorterLength) {
  uint8_t source[4] = {1, 2, 3, 4};
  uint8_t target[2] = {0, 0};
  keel::Slice<uint8_t> t(target);
  EXPECT_EQ(t.copy_from(keel::Slice<uint8_t const>(source)), 2U);
  EXPECT_EQ(target[1], 2);
}

TEST(Slice, IterationVisitsEveryElement) {
  int storage[4] = {1, 2, 3, 4};
  int sum = 0;
  for (int v : keel::Slice<int>(storage)) { sum += v; }
  EXPECT_EQ(sum, 10);
}

TEST(Array, CheckedIndexing) {
  keel::Array<int, 3> a{{1, 2, 3}};
  EXPECT_EQ(a[1], 2);
  EXPECT_THROW((void)a[3], keel_test::KernelPanic);
  EXPECT_TRUE(a.get(3).is_none());
  EXPECT_EQ(a.as_slice().size(), 3U);
  static_assert(keel::Array<int, 3>{{4, 5, 6}}[2] == 6);
}

}  // namespace
