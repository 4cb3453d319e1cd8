#include "kernel/core/slice.h"
#include "kernel/core/take_cell.h"

#include <gtest/gtest.h>

#include <type_traits>

#include "static_ref.h"
#include "test_panic.h"

namespace {

using keel_test::static_ref;
using keel_test::static_buffer;

struct App {
  uint32_t count = 0;
};

TEST(TakeCell, MapRunsWhenPresent) {
  App app;
  keel::TakeCell<App> cell(static_ref(app));
  EXPECT_TRUE(cell.map([](App& a) { a.count = a.count + 1; }));
  EXPECT_EQ(app.count, 1U);
  EXPECT_TRUE(cell.is_some());
}

TEST(TakeCell, MapIsNoOpWhenEmpty) {
  keel::TakeCell<App> cell;
  bool ran = false;
  EXPECT_FALSE(cell.map([&](App&) { ran = true; }));
  EXPECT_FALSE(ran);
}

TEST(TakeCell, MapInsideMapOfSameCellDoesNotRun) {
  App app;
  keel::TakeCell<App> cell(static_ref(app));
  bool inner_ran = true;
  bool outer_ran = cell.map([&](App& a) {
    a.count = 10;
    inner_ran = cell.map([](App& again) { again.count = 99; });
    EXPECT_TRUE(cell.is_none()) << "the value is lent out while map runs";
    EXPECT_TRUE(cell.take().is_none()) << "nor can it be taken while lent out";
  });
  EXPECT_TRUE(outer_ran);
  EXPECT_FALSE(inner_ran);
  EXPECT_EQ(app.count, 10U);
  EXPECT_TRUE(cell.is_some()) << "map puts the value back";
}

TEST(TakeCell, MapWithResultInsideMapOfSameCellDoesNotRun) {
  App app{5};
  keel::TakeCell<App> cell(static_ref(app));
  keel::Option<uint32_t> inner;
  auto outer = cell.map([&](App& a) {
    inner = cell.map([](App& again) { return again.count = 99; });
    return a.count;
  });
  ASSERT_TRUE(outer.is_some());
  EXPECT_EQ(outer.value(), 5U);
  EXPECT_TRUE(inner.is_none()) << "re-entrant map is a no-op";
  EXPECT_EQ(app.count, 5U);
  EXPECT_TRUE(cell.take().refers_to(app)) << "map puts the same reference back";
}

TEST(TakeCell, MapReturnsResultOfFunction) {
  App app{41};
  keel::TakeCell<App> cell(static_ref(app));
  auto result = cell.map([](App& a) { return a.count + 1; });
  ASSERT_TRUE(result.is_some());
  EXPECT_EQ(result.value(), 42U);
  keel::TakeCell<App> empty;
  EXPECT_TRUE(empty.map([](App& a) { return a.count; }).is_none());
  EXPECT_EQ(empty.map_or(7U, [](App& a) { return a.count; }), 7U);
}

TEST(TakeCell, TakeEmptiesTheCellAndPutRestoresIt) {
  App app;
  keel::TakeCell<App> cell(static_ref(app));
  keel::OptionalStaticRef<App> taken = cell.take();
  ASSERT_TRUE(taken.is_some());
  EXPECT_TRUE(taken.refers_to(app));
  EXPECT_TRUE(cell.is_none());
  EXPECT_TRUE(cell.take().is_none()) << "a second take finds nothing";
  cell.put(taken);
  EXPECT_TRUE(cell.is_some());
  cell.put(keel::OptionalStaticRef<App>());
  EXPECT_TRUE(cell.is_none());
}

TEST(TakeCell, ReplaceGivesBackThePreviousReference) {
  App first;
  App second;
  keel::TakeCell<App> cell(static_ref(first));
  keel::OptionalStaticRef<App> old = cell.replace(static_ref(second));
  ASSERT_TRUE(old.is_some());
  EXPECT_TRUE(old.refers_to(first));
  EXPECT_TRUE(cell.take().refers_to(second));
  EXPECT_TRUE(cell.replace(static_ref(first)).is_none());
}

TEST(TakeCell, EmptyOptionalStaticRefPanicsOnDereference) {
  keel::TakeCell<App> cell;
  keel::OptionalStaticRef<App> taken = cell.take();
  EXPECT_TRUE(taken.is_none());
  EXPECT_THROW((void)taken.get(), keel_test::KernelPanic);
}

TEST(TakeCell, BufferMovesIntoDeviceAndBack) {
  uint8_t storage[4] = {1, 2, 3, 4};
  keel::TakeCell<keel::StaticBuffer<uint8_t>> cell{static_buffer(storage)};
  // A driver hands the buffer to the "device"...
  keel::Option<keel::StaticBuffer<uint8_t>> in_flight = cell.take();
  ASSERT_TRUE(in_flight.is_some());
  EXPECT_FALSE(cell.map([](keel::Slice<uint8_t>) {})) << "no access while the device owns it";
  EXPECT_TRUE(cell.take().is_none());
  in_flight.value().slice()[0] = 9;
  // ...and gets it back on completion.
  cell.put(std::move(in_flight).value());
  EXPECT_TRUE(cell.map([](keel::Slice<uint8_t> b) { EXPECT_EQ(b[0], 9); }));
  bool inner = true;
  cell.map([&](keel::Slice<uint8_t>) { inner = cell.map([](keel::Slice<uint8_t>) {}); });
  EXPECT_FALSE(inner) << "map inside map of the same buffer cell does not run";
  keel::Option<size_t> inner_size;
  auto outer_size = cell.map([&](keel::Slice<uint8_t> b) {
    inner_size = cell.map([](keel::Slice<uint8_t> again) { return again.size(); });
    return b.size();
  });
  ASSERT_TRUE(outer_size.is_some());
  EXPECT_EQ(outer_size.value(), 4U);
  EXPECT_TRUE(inner_size.is_none()) << "map with a result inside map of the same buffer cell does not run";
  EXPECT_TRUE(cell.is_some());
}

TEST(StaticBuffer, IsMoveOnlyAndTheBufferLeftBehindIsEmpty) {
  static_assert(!std::is_copy_constructible_v<keel::StaticBuffer<uint8_t>>);
  static_assert(!std::is_copy_assignable_v<keel::StaticBuffer<uint8_t>>);
  static_assert(std::is_nothrow_move_constructible_v<keel::StaticBuffer<uint8_t>> ||
                std::is_move_constructible_v<keel::StaticBuffer<uint8_t>>);
  static_assert(std::is_copy_constructible_v<keel::StaticSlice<uint8_t const>>, "a shared static table copies");
  uint8_t storage[4] = {1, 2, 3, 4};
  keel::StaticBuffer<uint8_t> first = static_buffer(storage);
  keel::StaticBuffer<uint8_t> second = std::move(first);
  EXPECT_EQ(first.size(), 0U) << "moved from: views nothing, so it aliases nothing";  // NOLINT(bugprone-use-after-move)
  EXPECT_EQ(second.size(), 4U);
  keel::StaticBuffer<uint8_t>& same = second;
  second = std::move(same);
  EXPECT_EQ(second.size(), 4U) << "a self-move keeps the one owner it had";
}

TEST(TakeCell, BufferReplaceGivesBackThePreviousBuffer) {
  uint8_t first[2] = {1, 2};
  uint8_t second[3] = {3, 4, 5};
  keel::TakeCell<keel::StaticBuffer<uint8_t>> cell{static_buffer(first)};
  keel::Option<keel::StaticBuffer<uint8_t>> old = cell.replace(static_buffer(second));
  ASSERT_TRUE(old.is_some());
  EXPECT_TRUE(old.value().slice().starts_at(first[0]));
  keel::Option<keel::StaticBuffer<uint8_t>> now = cell.take();
  ASSERT_TRUE(now.is_some());
  EXPECT_EQ(now.value().size(), 3U);
  EXPECT_TRUE(cell.replace(static_buffer(first)).is_none());
}

}  // namespace
