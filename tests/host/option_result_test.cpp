#include "kernel/core/option.h"
#include "kernel/core/result.h"

#include <gtest/gtest.h>

#include "test_panic.h"

namespace {

keel::Result<int> parse_positive(int v) {
  if (v <= 0) { return keel::Error(keel::ErrorCode::Inval); }
  return v;
}

keel::Result<int> doubled(int v) {
  // KEEL_TRY_ASSIGN is gone; propagate by hand.
  keel::Result<int> const parsed = parse_positive(v);
  if (parsed.is_error()) { return keel::Error(parsed.error()); }
  return parsed.value() * 2;
}

keel::Result<void> check(int v) {
  KEEL_TRY(parse_positive(v));
  return keel::success();
}

TEST(Result, TryPropagatesErrors) {
  EXPECT_EQ(doubled(4).value(), 8);
  EXPECT_EQ(doubled(-1).error(), keel::ErrorCode::Inval);
  EXPECT_TRUE(check(1).is_ok());
  EXPECT_EQ(check(0).error(), keel::ErrorCode::Inval);
}

TEST(Result, ReadingTheWrongSidePanics) {
  EXPECT_THROW((void)doubled(-1).value(), keel_test::KernelPanic);
  EXPECT_THROW((void)doubled(1).error(), keel_test::KernelPanic);
  EXPECT_EQ(doubled(-1).value_or(3), 3);
}

TEST(Option, ValueMapAndEmpty) {
  keel::Option<int> some(3);
  keel::Option<int> empty;
  EXPECT_EQ(some.map([](int& v) { return v + 1; }).value(), 4);
  EXPECT_TRUE(empty.map([](int& v) { return v + 1; }).is_none());
  EXPECT_EQ(empty.value_or(5), 5);
  EXPECT_THROW((void)empty.value(), keel_test::KernelPanic);
  keel::Option<int> moved = some.take();
  EXPECT_TRUE(some.is_none());
  EXPECT_EQ(moved.value(), 3);
}

TEST(Option, ReferenceOption) {
  int x = 1;
  keel::Option<int&> ref(x);
  ref.value() = 2;
  EXPECT_EQ(x, 2);
  EXPECT_TRUE(ref.refers_to(x));
  EXPECT_THROW((void)keel::Option<int&>().value(), keel_test::KernelPanic);
}

}  // namespace
