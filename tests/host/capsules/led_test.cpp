// LedDriver (driver 0x2) over a fake LED HIL that records each LED's state and every call that reaches it.
#include "capsules/led.h"

#include <gtest/gtest.h>

#include <array>
#include <vector>

#include "../static_ref.h"

namespace {

using keel::CommandReturn;
using keel::ErrorCode;
using keel::ProcessId;
using keel::Result;
using keel::ReturnVariant;
using keel::usize;
using keel::capsules::LedDriver;

class FakeLeds final : public keel::hil::led::Leds {
 public:
  usize count() const override { return lit.size(); }
  Result<void> on(usize index) const override { return apply(index, [](bool) { return true; }); }
  Result<void> off(usize index) const override { return apply(index, [](bool) { return false; }); }
  Result<void> toggle(usize index) const override { return apply(index, [](bool was) { return !was; }); }
  Result<bool> read(usize index) const override {
    if (index >= lit.size()) { return keel::Error(ErrorCode::Inval); }
    return lit[index];
  }

  mutable std::array<bool, 3> lit{true, true, true};
  mutable int calls = 0;
  /// When set, every switching call fails with it (and changes nothing).
  ErrorCode failure = ErrorCode::Fail;
  bool fail = false;

 private:
  template <typename F> Result<void> apply(usize index, F next) const {
    ++calls;
    if (index >= lit.size()) { return keel::Error(ErrorCode::Inval); }
    if (fail) { return keel::Error(failure); }
    lit[index] = next(lit[index]);
    return keel::success();
  }
};

class LedDriverTest : public ::testing::Test {
 protected:
  CommandReturn command(uint32_t number, uint32_t arg0 = 0) const { return driver.command(number, arg0, 0, pid); }
  static void expect_failure(CommandReturn const& r, ErrorCode code) {
    EXPECT_EQ(r.variant, ReturnVariant::Failure);
    EXPECT_EQ(r.values[0], keel::to_number(code));
  }

  FakeLeds leds;
  LedDriver driver{keel_test::static_ref(leds)};
  ProcessId pid{0, 7};
};

TEST_F(LedDriverTest, ConstructionTurnsEveryLedOff) {
  EXPECT_EQ(leds.lit, (std::array<bool, 3>{false, false, false}));
  EXPECT_EQ(leds.calls, 3);
}

TEST_F(LedDriverTest, CommandZeroAnswersTheNumberOfLedsAsSuccessU32) {
  CommandReturn const r = command(0);
  EXPECT_EQ(r.variant, ReturnVariant::SuccessU32);
  EXPECT_EQ(r.values[0], 3U);
}

TEST_F(LedDriverTest, OnOffAndToggleSwitchTheNamedLedOnly) {
  EXPECT_EQ(command(1, 2).variant, ReturnVariant::Success);
  EXPECT_EQ(leds.lit, (std::array<bool, 3>{false, false, true}));
  EXPECT_EQ(command(3, 0).variant, ReturnVariant::Success);
  EXPECT_EQ(leds.lit, (std::array<bool, 3>{true, false, true}));
  EXPECT_EQ(command(3, 0).variant, ReturnVariant::Success);
  EXPECT_EQ(leds.lit, (std::array<bool, 3>{false, false, true}));
  EXPECT_EQ(command(2, 2).variant, ReturnVariant::Success);
  EXPECT_EQ(leds.lit, (std::array<bool, 3>{false, false, false}));
  EXPECT_EQ(command(2, 1).variant, ReturnVariant::Success) << "off when already off is still Success";
}

TEST_F(LedDriverTest, AnLedNumberOutOfRangeIsInvalAndReachesNoLed) {
  int const calls_before = leds.calls;
  for (uint32_t command_number : {1U, 2U, 3U}) {
    for (uint32_t index : {3U, 4U, 0x8000'0000U, 0xFFFF'FFFFU}) {
      expect_failure(command(command_number, index), ErrorCode::Inval);
    }
  }
  EXPECT_EQ(leds.calls, calls_before);
  EXPECT_EQ(leds.lit, (std::array<bool, 3>{false, false, false}));
}

TEST_F(LedDriverTest, OtherCommandsAreNoSupport) {
  expect_failure(command(4), ErrorCode::NoSupport);
  expect_failure(command(5, 1), ErrorCode::NoSupport);
  expect_failure(command(0xFFFF'FFFFU), ErrorCode::NoSupport);
  EXPECT_EQ(leds.lit, (std::array<bool, 3>{false, false, false}));
}

TEST_F(LedDriverTest, AnErrorFromTheLedHilIsPassedOn) {
  leds.fail = true;
  leds.failure = ErrorCode::Busy;
  expect_failure(command(1, 0), ErrorCode::Busy);
  EXPECT_FALSE(leds.lit[0]);
}

TEST_F(LedDriverTest, NeedsNoGrant) { EXPECT_TRUE(driver.grant().is_none()); }

}  // namespace
