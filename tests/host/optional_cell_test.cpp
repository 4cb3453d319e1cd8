#include "kernel/core/optional_cell.h"

#include <gtest/gtest.h>

#include "static_ref.h"

namespace {

TEST(OptionalCell, SetGetClear) {
  keel::OptionalCell<uint32_t> cell;
  EXPECT_TRUE(cell.is_none());
  EXPECT_EQ(cell.value_or(9), 9U);
  cell.set(4);
  EXPECT_TRUE(cell.contains(4));
  EXPECT_EQ(cell.get().value(), 4U);
  cell.clear();
  EXPECT_TRUE(cell.get().is_none());
}

TEST(OptionalCell, TakeEmpties) {
  keel::OptionalCell<uint32_t> cell(8);
  EXPECT_EQ(cell.take().value(), 8U);
  EXPECT_TRUE(cell.is_none());
  EXPECT_FALSE(cell.map([](uint32_t&) {}));
}

TEST(OptionalCell, InsertOption) {
  keel::OptionalCell<int> cell;
  cell.insert(keel::Option<int>(3));
  EXPECT_TRUE(cell.contains(3));
  cell.insert(keel::none);
  EXPECT_TRUE(cell.is_none());
}

struct Client {
  int calls = 0;
};

TEST(ClientCell, MissingClientIsNoOp) {
  keel::ClientCell<Client> cell;
  EXPECT_FALSE(cell.map([](Client const&) {}));
  Client const client;
  cell.set(keel_test::static_ref(client));
  EXPECT_TRUE(cell.get().refers_to(client));
  int seen = 0;
  EXPECT_TRUE(cell.map([&](Client const& c) { seen = c.calls + 1; }));
  EXPECT_EQ(seen, 1);
}

}  // namespace
