#include "kernel/core/slice.h"
#include "kernel/core/take_cell.h"

#include <gtest/gtest.h>

namespace {

struct App {
  uint32_t count = 0;
};

TEST(TakeCell, MapRunsWhenPresent) {
  App app;
  keel::TakeCell<App> cell(app);
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
  keel::TakeCell<App> cell(app);
  bool inner_ran = true;
  bool outer_ran = cell.map([&](App& a) {
    a.count = 10;
    inner_ran = cell.map([](App& again) { again.count = 99; });
    EXPECT_TRUE(cell.is_none()) << "the value is lent out while map runs";
  });
  EXPECT_TRUE(outer_ran);
  EXPECT_FALSE(inner_ran);
  EXPECT_EQ(app.count, 10U);
  EXPECT_TRUE(cell.is_some()) << "map puts the value back";
}

TEST(TakeCell, MapReturnsResultOfFunction) {
  App app{41};
  keel::TakeCell<App> cell(app);
  auto result = cell.map([](App& a) { return a.count + 1; });
  ASSERT_TRUE(result.is_some());
  EXPECT_EQ(result.value(), 42U);
  keel::TakeCell<App> empty;
  EXPECT_TRUE(empty.map([](App& a) { return a.count; }).is_none());
  EXPECT_EQ(empty.map_or(7U, [](App& a) { return a.count; }), 7U);
}

TEST(TakeCell, TakeEmptiesTheCellAndPutRestoresIt) {
  App app;
  keel::TakeCell<App> cell(app);
  keel::Option<App&> taken = cell.take();
  ASSERT_TRUE(taken.is_some());
  EXPECT_TRUE(taken.refers_to(app));
  EXPECT_TRUE(cell.is_none());
  EXPECT_TRUE(cell.take().is_none()) << "a second take finds nothing";
  cell.put(taken);
  EXPECT_TRUE(cell.is_some());
  cell.put(keel::none);
  EXPECT_TRUE(cell.is_none());
}

TEST(TakeCell, ReplaceGivesBackThePreviousReference) {
  App first;
  App second;
  keel::TakeCell<App> cell(first);
  keel::Option<App&> old = cell.replace(second);
  ASSERT_TRUE(old.is_some());
  EXPECT_TRUE(old.refers_to(first));
  EXPECT_TRUE(cell.take().refers_to(second));
  EXPECT_TRUE(cell.replace(first).is_none());
}

TEST(TakeCell, BufferMovesIntoDeviceAndBack) {
  uint8_t storage[4] = {1, 2, 3, 4};
  keel::TakeCell<keel::Slice<uint8_t>> cell{keel::Slice<uint8_t>(storage)};
  // A driver hands the buffer to the "device"...
  keel::Option<keel::Slice<uint8_t>> in_flight = cell.take();
  ASSERT_TRUE(in_flight.is_some());
  EXPECT_FALSE(cell.map([](keel::Slice<uint8_t>) {})) << "no access while the device owns it";
  EXPECT_TRUE(cell.take().is_none());
  in_flight.value()[0] = 9;
  // ...and gets it back on completion.
  cell.put(in_flight.value());
  EXPECT_TRUE(cell.map([](keel::Slice<uint8_t> b) { EXPECT_EQ(b[0], 9); }));
  bool inner = true;
  cell.map([&](keel::Slice<uint8_t>) { inner = cell.map([](keel::Slice<uint8_t>) {}); });
  EXPECT_FALSE(inner) << "map inside map of the same buffer cell does not run";
}

}  // namespace
