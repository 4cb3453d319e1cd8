#include "kernel/core/array.h"
#include "kernel/core/slice.h"

#include <gtest/gtest.h>

#include <type_traits>

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

// copy_from takes memcpy when the ranges are apart and memmove otherwise (kernel/core/slice.h). With both ranges at
// constant offsets into one array, GCC 12 at -O3 warns (-Wrestrict) about the memcpy branch although the overlap
// test keeps it from running; these tests overlap on purpose, so the warning is silenced for them alone.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wrestrict"

TEST(Slice, CopyFromOverlappingForwardMovesLikeMemmove) {
  uint8_t storage[6] = {1, 2, 3, 4, 5, 6};
  keel::Slice<uint8_t> s(storage);
  // Destination after the source: [0,4) -> [2,6).
  EXPECT_EQ(s.skip(2).copy_from(s.first(4)), 4U);
  uint8_t const expected[6] = {1, 2, 1, 2, 3, 4};
  for (size_t i = 0; i < 6; ++i) { EXPECT_EQ(storage[i], expected[i]) << i; }
}

TEST(Slice, CopyFromOverlappingBackwardMovesLikeMemmove) {
  uint8_t storage[6] = {1, 2, 3, 4, 5, 6};
  keel::Slice<uint8_t> s(storage);
  // Destination before the source: [2,6) -> [0,4).
  EXPECT_EQ(s.first(4).copy_from(s.skip(2)), 4U);
  uint8_t const expected[6] = {3, 4, 5, 6, 5, 6};
  for (size_t i = 0; i < 6; ++i) { EXPECT_EQ(storage[i], expected[i]) << i; }
}

TEST(Slice, CopyFromOverlappingWordsInConstantEvaluation) {
  constexpr auto shifted = [] {
    uint32_t storage[4] = {1, 2, 3, 4};
    keel::Slice<uint32_t> s(storage);
    s.first(3).copy_from(keel::Slice<uint32_t const>(s.skip(1)));
    return storage[0] * 1000 + storage[1] * 100 + storage[2] * 10 + storage[3];
  }();
  static_assert(shifted == 2344);
  uint32_t storage[4] = {1, 2, 3, 4};
  keel::Slice<uint32_t> s(storage);
  s.skip(1).copy_from(s.first(3));
  EXPECT_EQ(storage[0], 1U);
  EXPECT_EQ(storage[1], 1U);
  EXPECT_EQ(storage[2], 2U);
  EXPECT_EQ(storage[3], 3U);
}

// In a constant expression copy_from finds an overlap by pointer equality alone and copies back to front.
TEST(Slice, CopyFromOverlappingForwardInConstantEvaluation) {
  constexpr auto shifted = [] {
    uint32_t storage[4] = {1, 2, 3, 4};
    keel::Slice<uint32_t> s(storage);
    s.skip(1).copy_from(keel::Slice<uint32_t const>(s.first(3)));
    return storage[0] * 1000 + storage[1] * 100 + storage[2] * 10 + storage[3];
  }();
  EXPECT_EQ(shifted, 1123U);
}

// At run time, class elements whose destination starts inside the source copy back to front. (copy_from once took
// the addresses through const initialisers with is_constant_evaluated(), which are themselves manifestly
// constant-evaluated: both addresses were 0 at run time, and this came out 1,1,1,1; found by the fuzz build.)
TEST(Slice, CopyFromOverlappingClassElementsForwardAtRunTime) {
  struct Word {
    uint32_t value;
  };
  Word storage[4] = {{1}, {2}, {3}, {4}};
  keel::Slice<Word> s(storage);
  s.skip(1).copy_from(keel::Slice<Word const>(s.first(3)));
  EXPECT_EQ(storage[0].value, 1U);
  EXPECT_EQ(storage[1].value, 1U);
  EXPECT_EQ(storage[2].value, 2U);
  EXPECT_EQ(storage[3].value, 3U);
}

#pragma GCC diagnostic pop

template <typename S> concept EndDereferences = requires(S s) { *s.end(); };

TEST(Slice, IteratorDereferencePastTheEndPanics) {
  int storage[2] = {1, 2};
  keel::Slice<int> s(storage);
  auto it = s.begin();
  EXPECT_EQ(*it, 1);
  ++it;
  EXPECT_EQ(*it, 2);
  ++it;
  EXPECT_FALSE(it != s.end());
  EXPECT_THROW((void)*it, keel_test::KernelPanic);
  // *s.end() does not compile: the end is a sentinel with nothing to dereference.
  static_assert(!EndDereferences<keel::Slice<int>>);
  EXPECT_THROW((void)*keel::Slice<int>().begin(), keel_test::KernelPanic) << "an empty slice has nothing to read";
}

TEST(Slice, OfViewsOneObject) {
  int value = 4;
  keel::Slice<int> s = keel::Slice<int>::of(value);
  EXPECT_EQ(s.size(), 1U);
  EXPECT_TRUE(s.starts_at(value));
  s[0] = 5;
  EXPECT_EQ(value, 5);
  EXPECT_THROW((void)s[1], keel_test::KernelPanic);
}

TEST(Slice, ConvertsOnlyToConst) {
  static_assert(std::is_convertible_v<keel::Slice<int>, keel::Slice<int const>>);
  static_assert(!std::is_convertible_v<keel::Slice<int const>, keel::Slice<int>>);
  struct Base {
    int a;
  };
  struct Derived : Base {
    int b;
  };
  static_assert(!std::is_convertible_v<keel::Slice<Derived>, keel::Slice<Base>>, "element size would be wrong");
  static_assert(!std::is_convertible_v<keel::Slice<uint32_t>, keel::Slice<uint8_t>>);
  static_assert(!std::is_convertible_v<keel::Slice<int>, keel::Slice<long>>);
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
  int sum = 0;
  for (int v : a) { sum += v; }
  EXPECT_EQ(sum, 6);
}

}  // namespace

namespace {

struct PaddedBase {
 private:
  int unused_ = 0;  // not POD for layout: the Itanium ABI puts a derived class's members in the tail padding

 public:
  uint8_t byte = 0;
};
struct PaddedDerived : PaddedBase {
  uint8_t own = 0;
};
static_assert(sizeof(PaddedDerived) == sizeof(PaddedBase), "the derived member lives in the base's tail padding");

TEST(Slice, CopyFromIntoABaseSubobjectKeepsTheDerivedMembers) {
  PaddedDerived target;
  target.own = 1;
  PaddedBase const source{};
  keel::Slice<PaddedBase>::of(target).copy_from(keel::Slice<PaddedBase const>::of(source));
  EXPECT_EQ(target.own, 1) << "copy_from assigns class elements; it never copies a base's tail padding";
}

struct AddressLiar {
  int value = 3;
  decltype(nullptr) operator&() const { return nullptr; }
};

TEST(StaticRef, IgnoresAnOverloadedAddressOf) {
  static AddressLiar liar;
  auto const ref = keel::StaticRef<AddressLiar>::assume_static(liar);
  EXPECT_EQ(ref->value, 3) << "the trusted core takes addresses with __builtin_addressof";
  EXPECT_TRUE(keel::Slice<AddressLiar>::of(liar).starts_at(liar));
}

}  // namespace
