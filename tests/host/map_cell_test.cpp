#include "kernel/core/map_cell.h"

#include <gtest/gtest.h>

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

}  // namespace
