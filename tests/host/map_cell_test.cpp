#include "kernel/core/map_cell.h"

#include <gtest/gtest.h>

#include "test_panic.h"

namespace {

struct State {
  int value = 0;
};

TEST(MapCell, EmptyByDefaultAndMapIsNoOp) {
  keel::MapCell<State> cell;
  EXPECT_TRUE(cell.is_none());
  EXPECT_FALSE(cell.map([](State& s) { s.value = 1; }));
}

TEST(MapCell, MapMutatesInPlace) {
  keel::MapCell<State> cell(State{3});
  EXPECT_TRUE(cell.map([](State& s) { s.value += 1; }));
  EXPECT_EQ(cell.map([](State& s) { return s.value; }).value(), 4);
}

TEST(MapCell, ReentrantMapDoesNotRun) {
  keel::MapCell<State> cell(State{1});
  bool inner = true;
  cell.map([&](State& s) {
    s.value = 2;
    inner = cell.map([](State& again) { again.value = 100; });
  });
  EXPECT_FALSE(inner);
  EXPECT_EQ(cell.take().value().value, 2);
}

TEST(MapCell, TakePutReplace) {
  keel::MapCell<State> cell;
  cell.put(State{5});
  EXPECT_TRUE(cell.is_some());
  keel::Option<State> old = cell.replace(State{6});
  ASSERT_TRUE(old.is_some());
  EXPECT_EQ(old.value().value, 5);
  EXPECT_EQ(cell.take().value().value, 6);
  EXPECT_TRUE(cell.take().is_none());
}

TEST(MapCell, MapWorksOnACopyWrittenBackWhenItReturns) {
  keel::MapCell<State> cell(State{1});
  int seen_inside = 0;
  cell.map([&](State& s) {
    s.value = 9;
    seen_inside = s.value;
    EXPECT_TRUE(cell.is_none()) << "lent out while map runs";
    EXPECT_TRUE(cell.take().is_none()) << "take while lent out finds nothing";
  });
  EXPECT_EQ(seen_inside, 9);
  EXPECT_TRUE(cell.is_some());
  EXPECT_EQ(cell.take().value().value, 9);
}

TEST(MapCell, PutInsideMapPanics) {
  keel::MapCell<State> cell(State{1});
  try {
    cell.map([&](State&) { cell.put(State{2}); });
    FAIL() << "put while lent out returned";
  } catch (keel_test::KernelPanic const& panic) {
    std::string const what = panic.what();
    EXPECT_NE(what.find("lent out"), std::string::npos) << what;
  }
}

TEST(MapCell, ReplaceInsideMapPanics) {
  keel::MapCell<State> cell(State{1});
  EXPECT_THROW(cell.map([&](State&) { (void)cell.replace(State{2}); }), keel_test::KernelPanic);
}

TEST(MapCell, PutAfterTakeInsideMapOfAnotherCellIsFine) {
  keel::MapCell<State> a(State{1});
  keel::MapCell<State> b(State{2});
  a.map([&](State&) { b.put(State{3}); });
  EXPECT_EQ(b.take().value().value, 3);
}

}  // namespace
