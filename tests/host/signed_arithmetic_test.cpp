// Escape 250: kernel code is built with -fwrapv (CMakeLists.txt, and these tests too), so a signed sum that overflows
// wraps instead of being a promise the optimiser may act on, and the bounds check after it stays.
#include "kernel/core/array.h"

#include <gtest/gtest.h>

#include "test_panic.h"

namespace {

// The escape's bucket computation: `delta + 1` overflows for 0x7fffffff.
keel::usize bucket_of(uint32_t sample) {
  int32_t const delta = static_cast<int32_t>(sample);
  if (delta < 0) { return 0; }
  int32_t const rounded = delta + 1;
  return static_cast<keel::usize>(rounded >> 28);
}

TEST(SignedArithmetic, OverflowWrapsAndTheBoundsCheckStays) {
  keel::Array<uint32_t, 8> buckets{};
  EXPECT_EQ(bucket_of(0x6fff'ffffU), 7U);
  EXPECT_THROW(buckets[bucket_of(0x7fff'ffffU)] += 1, keel_test::KernelPanic);
}

}  // namespace
