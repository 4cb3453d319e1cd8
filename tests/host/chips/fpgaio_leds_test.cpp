// The FPGAIO LEDs against a register block in ordinary memory: each LED is its bit of the LED register, the other
// bit is kept, and an index past the two LEDs touches nothing.
#include "chips/mps2-an386/fpgaio_leds.h"

#include <gtest/gtest.h>

#include <cstdint>

#include "fake_registers.h"

namespace {

using keel::ErrorCode;
using keel::chips::mps2_an386::FpgaioLeds;
using keel::chips::mps2_an386::FpgaioRegisters;

constexpr std::size_t kLed = 0x00;

class FpgaioLedsTest : public ::testing::Test {
 protected:
  void set_register(uint32_t value) { keel_test::poke32(registers, kLed, value); }
  uint32_t led_register() const { return keel_test::peek32(registers, kLed); }

  FpgaioRegisters registers{};
  FpgaioLeds leds{keel_test::static_ref(registers)};
};

TEST_F(FpgaioLedsTest, HasTwoLeds) { EXPECT_EQ(leds.count(), 2U); }

TEST_F(FpgaioLedsTest, OnAndOffChangeOnlyTheirOwnBit) {
  set_register(0);
  ASSERT_TRUE(leds.on(0).is_ok());
  EXPECT_EQ(led_register(), 0x1U);
  ASSERT_TRUE(leds.on(1).is_ok());
  EXPECT_EQ(led_register(), 0x3U);
  ASSERT_TRUE(leds.off(0).is_ok());
  EXPECT_EQ(led_register(), 0x2U) << "LED1 stays lit";
  ASSERT_TRUE(leds.on(1).is_ok());
  EXPECT_EQ(led_register(), 0x2U) << "on twice is still on";
  ASSERT_TRUE(leds.off(1).is_ok());
  EXPECT_EQ(led_register(), 0x0U);
}

TEST_F(FpgaioLedsTest, ToggleInvertsOneLed) {
  set_register(0x1);
  ASSERT_TRUE(leds.toggle(1).is_ok());
  EXPECT_EQ(led_register(), 0x3U);
  ASSERT_TRUE(leds.toggle(0).is_ok());
  EXPECT_EQ(led_register(), 0x2U);
  ASSERT_TRUE(leds.toggle(1).is_ok());
  EXPECT_EQ(led_register(), 0x0U);
}

TEST_F(FpgaioLedsTest, ReadReportsTheRegister) {
  set_register(0x2);
  ASSERT_TRUE(leds.read(0).is_ok());
  EXPECT_FALSE(leds.read(0).value());
  EXPECT_TRUE(leds.read(1).value());
  set_register(0x1);
  EXPECT_TRUE(leds.read(0).value());
  EXPECT_FALSE(leds.read(1).value());
}

TEST_F(FpgaioLedsTest, AnIndexPastTheLedsIsInvalAndTouchesNothing) {
  set_register(0x1);
  for (keel::usize index : {keel::usize{2}, keel::usize{3}, keel::usize{31}, keel::usize{32}, SIZE_MAX}) {
    EXPECT_EQ(leds.on(index).error(), ErrorCode::Inval) << index;
    EXPECT_EQ(leds.off(index).error(), ErrorCode::Inval) << index;
    EXPECT_EQ(leds.toggle(index).error(), ErrorCode::Inval) << index;
    EXPECT_EQ(leds.read(index).error(), ErrorCode::Inval) << index;
  }
  EXPECT_EQ(led_register(), 0x1U);
}

}  // namespace
