// The dual-timer alarm: the countdown arithmetic (wrap of the 32-bit tick, alarms already due), and the driver
// against a register block in ordinary memory, where the test sets Timer 1's VALUE (the clock) and Timer 2's
// masked interrupt status, and reads back what the driver wrote.
#include "chips/mps2-an386/cmsdk_timer.h"

#include <gtest/gtest.h>

#include "fake_registers.h"

namespace {

using keel::chips::mps2_an386::CmsdkDualTimer;
using keel::chips::mps2_an386::CmsdkDualTimerRegisters;

constexpr std::size_t kTimer1 = 0x00;
constexpr std::size_t kTimer2 = 0x20;
constexpr std::size_t kLoad = 0x00;
constexpr std::size_t kValue = 0x04;
constexpr std::size_t kControl = 0x08;
constexpr std::size_t kInterruptClear = 0x0C;
constexpr std::size_t kMaskedStatus = 0x14;

constexpr uint32_t kOneShot = 0x01;
constexpr uint32_t kSize32 = 0x02;
constexpr uint32_t kInterruptEnable = 0x20;
constexpr uint32_t kPeriodic = 0x40;
constexpr uint32_t kEnable = 0x80;
constexpr uint32_t kAlarmStopped = kOneShot | kSize32 | kInterruptEnable | kPeriodic;

// The arithmetic is constexpr: the basic cases are checked at compile time.
static_assert(CmsdkDualTimer::countdown(1000, 50, 1000) == 50);
static_assert(CmsdkDualTimer::countdown(1000, 50, 1020) == 30, "20 ticks elapsed, 30 to go");
static_assert(CmsdkDualTimer::countdown(1000, 50, 1049) == 1);
static_assert(CmsdkDualTimer::countdown(1000, 50, 1050) == 1, "due now: one tick, never 0");
static_assert(CmsdkDualTimer::countdown(1000, 0, 1000) == 1, "dt = 0 is due at once");

TEST(CmsdkDualTimerArithmetic, CountdownAcrossTheWrap) {
  // Reference before the wrap, alarm after it: 0xFFFF'FFE0 + 0x40 is 0x20 of the next epoch; now is 0xFFFF'FFF0.
  EXPECT_EQ(CmsdkDualTimer::countdown(0xFFFF'FFE0U, 0x40, 0xFFFF'FFF0U), 0x30U);
  // Now already past the wrap.
  EXPECT_EQ(CmsdkDualTimer::countdown(0xFFFF'FFE0U, 0x40, 0x0000'0010U), 0x10U);
  // Due long ago, across the wrap.
  EXPECT_EQ(CmsdkDualTimer::countdown(0xFFFF'FFF0U, 0x10, 0x50), 1U);
}

TEST(CmsdkDualTimerArithmetic, AgreesWithHasExpired) {
  // Whatever (reference, dt, now): due exactly when hil::time::has_expired says so (then one tick); otherwise the
  // countdown ends exactly at reference + dt.
  uint32_t const nows[] = {0, 5, 0x7FFF'FFFFU, 0x8000'0000U, 0xFFFF'FFF8U, 0xFFFF'FFFFU, 0x8765'4400U};
  uint32_t const references[] = {0, 3, 0xFFFF'FFF0U, 0x8000'0000U, 0x8765'4321U};
  uint32_t const dts[] = {0, 1, 7, 0x10, 0x7FFF'FFFFU, 0xFFFF'FFFFU};
  for (uint32_t now : nows) {
    for (uint32_t reference : references) {
      for (uint32_t dt : dts) {
        uint32_t const countdown = CmsdkDualTimer::countdown(reference, dt, now);
        bool const due = keel::hil::time::has_expired(reference, dt, now);
        EXPECT_GE(countdown, 1U) << "a zero load would stop the timer without an interrupt";
        if (due) {
          EXPECT_EQ(countdown, 1U) << now << " " << reference << " " << dt;
        } else {
          EXPECT_EQ(static_cast<uint32_t>(now + countdown), static_cast<uint32_t>(reference + dt))
              << now << " " << reference << " " << dt;
        }
      }
    }
  }
}

struct RecordingAlarmClient final : keel::hil::time::HardwareAlarmClient {
  explicit RecordingAlarmClient(CmsdkDualTimer const& timer, CmsdkDualTimerRegisters const& registers)
      : timer(timer), registers(registers) {}
  void alarm_fired() const override {
    ++fired;
    armed_when_fired = timer.is_armed();
    control_when_fired = keel_test::peek32(registers, kTimer2 + kControl);
    if (rearm) { timer.set_alarm(timer.now(), 500); }
  }
  CmsdkDualTimer const& timer;
  CmsdkDualTimerRegisters const& registers;
  bool rearm = false;
  mutable int fired = 0;
  mutable bool armed_when_fired = true;
  mutable uint32_t control_when_fired = 0;
};

class CmsdkDualTimerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    timer.initialize();
    timer.set_alarm_client(keel_test::static_ref(client));
  }

  void poke(std::size_t offset, uint32_t value) { keel_test::poke32(*registers, offset, value); }
  uint32_t peek(std::size_t offset) const { return keel_test::peek32(*registers, offset); }
  /// Timer 1 counts down from 0xFFFF'FFFF: time t is VALUE = ~t.
  void set_now(uint32_t ticks) { poke(kTimer1 + kValue, ~ticks); }
  void expire_alarm_timer() { poke(kTimer2 + kMaskedStatus, 1); }

  std::unique_ptr<CmsdkDualTimerRegisters> registers = keel_test::make_register_block<CmsdkDualTimerRegisters>();
  CmsdkDualTimer timer{keel_test::static_ref(*registers)};
  RecordingAlarmClient client{timer, *registers};
};

TEST_F(CmsdkDualTimerTest, InitializeStartsTimer1FreeRunningAndLeavesTimer2StoppedAndCleared) {
  poke(kTimer1 + kInterruptClear, 0);
  poke(kTimer2 + kControl, 0xFF);
  poke(kTimer2 + kInterruptClear, 0);
  timer.initialize();
  EXPECT_EQ(peek(kTimer1 + kControl), kSize32 | kEnable) << "32-bit, free-running, prescale 1, no interrupt";
  EXPECT_EQ(peek(kTimer1 + kLoad), 0xFFFF'FFFFU) << "counting from the top: now() starts at 0";
  EXPECT_EQ(peek(kTimer1 + kInterruptClear), 1U);
  EXPECT_EQ(peek(kTimer2 + kControl), kAlarmStopped);
  EXPECT_EQ(peek(kTimer2 + kInterruptClear), 1U) << "a leftover expiry is cleared";
  EXPECT_FALSE(timer.is_armed());
  EXPECT_EQ(timer.frequency(), 25'000'000U);
  EXPECT_EQ(timer.minimum_dt(), 1U);
}

TEST_F(CmsdkDualTimerTest, NowCountsUpAsTimer1CountsDownAndWrapsAtTwoToThe32) {
  poke(kTimer1 + kValue, 0xFFFF'FFFFU);
  EXPECT_EQ(timer.now(), 0U);
  poke(kTimer1 + kValue, 0xFFFF'FFFFU - 1234);
  EXPECT_EQ(timer.now(), 1234U);
  poke(kTimer1 + kValue, 1);
  uint32_t const before_wrap = timer.now();
  poke(kTimer1 + kValue, 0);
  uint32_t const at_wrap = timer.now();
  poke(kTimer1 + kValue, 0xFFFF'FFFFU);
  uint32_t const after_wrap = timer.now();
  EXPECT_EQ(before_wrap, 0xFFFF'FFFEU);
  EXPECT_EQ(at_wrap, 0xFFFF'FFFFU);
  EXPECT_EQ(after_wrap, 0U) << "one tick later, modulo 2^32";
}

TEST_F(CmsdkDualTimerTest, SetAlarmLoadsTheTicksToGoAndStartsTimer2OneShot) {
  poke(kTimer2 + kInterruptClear, 0);
  set_now(1020);
  timer.set_alarm(1000, 50);
  EXPECT_EQ(peek(kTimer2 + kLoad), 30U);
  EXPECT_EQ(peek(kTimer2 + kControl), kAlarmStopped | kEnable);
  EXPECT_EQ(peek(kTimer2 + kInterruptClear), 1U) << "the previous alarm's expiry cannot count for this one";
  EXPECT_TRUE(timer.is_armed());
  EXPECT_EQ(timer.get_alarm(), 1050U);
  EXPECT_EQ(peek(kTimer1 + kControl), kSize32 | kEnable) << "the clock is never touched";
}

TEST_F(CmsdkDualTimerTest, SetAlarmAcrossTheWrap) {
  set_now(0xFFFF'FFF0U);
  timer.set_alarm(0xFFFF'FFE0U, 0x40);
  EXPECT_EQ(peek(kTimer2 + kLoad), 0x30U);
  EXPECT_EQ(timer.get_alarm(), 0x20U) << "reference + dt, modulo 2^32";
}

TEST_F(CmsdkDualTimerTest, AnAlarmAlreadyDueIsAOneTickCountdownAndNeverFiresInsideSetAlarm) {
  set_now(5000);
  timer.set_alarm(1000, 50);
  EXPECT_EQ(peek(kTimer2 + kLoad), 1U);
  EXPECT_EQ(peek(kTimer2 + kControl) & kEnable, kEnable);
  EXPECT_EQ(client.fired, 0);
  expire_alarm_timer();
  timer.handle_interrupt();
  EXPECT_EQ(client.fired, 1) << "it fires through the interrupt";
}

TEST_F(CmsdkDualTimerTest, InterruptStopsAndDisarmsBeforeCallingTheClient) {
  set_now(0);
  timer.set_alarm(0, 100);
  poke(kTimer2 + kInterruptClear, 0);
  expire_alarm_timer();
  timer.handle_interrupt();
  EXPECT_EQ(client.fired, 1);
  EXPECT_FALSE(client.armed_when_fired) << "a client that re-arms from alarm_fired must not be undone";
  EXPECT_EQ(client.control_when_fired, kAlarmStopped) << "Timer 2 stopped before the client ran";
  EXPECT_EQ(peek(kTimer2 + kInterruptClear), 1U) << "the interrupt was cleared";
  EXPECT_FALSE(timer.is_armed());
  EXPECT_EQ(timer.disarm().error(), keel::ErrorCode::Already);
}

TEST_F(CmsdkDualTimerTest, AClientThatReArmsFromTheCallbackStaysArmed) {
  client.rearm = true;
  set_now(200);
  timer.set_alarm(100, 100);
  expire_alarm_timer();
  timer.handle_interrupt();
  EXPECT_EQ(client.fired, 1);
  EXPECT_TRUE(timer.is_armed());
  EXPECT_EQ(peek(kTimer2 + kControl), kAlarmStopped | kEnable);
  EXPECT_EQ(peek(kTimer2 + kLoad), 500U);
  EXPECT_EQ(timer.get_alarm(), 700U);
}

TEST_F(CmsdkDualTimerTest, AnInterruptWithoutTimer2ExpiredChangesNothing) {
  set_now(0);
  timer.set_alarm(0, 100);
  poke(kTimer2 + kMaskedStatus, 0);
  timer.handle_interrupt();
  EXPECT_EQ(client.fired, 0);
  EXPECT_TRUE(timer.is_armed());
  EXPECT_EQ(peek(kTimer2 + kControl), kAlarmStopped | kEnable) << "still counting";
}

TEST_F(CmsdkDualTimerTest, DisarmStopsTimer2AndSaysWhetherAnythingWasArmed) {
  set_now(0);
  timer.set_alarm(0, 100);
  poke(kTimer2 + kInterruptClear, 0);
  EXPECT_TRUE(timer.disarm().is_ok());
  EXPECT_EQ(peek(kTimer2 + kControl), kAlarmStopped);
  EXPECT_EQ(peek(kTimer2 + kInterruptClear), 1U);
  EXPECT_FALSE(timer.is_armed());
  keel::Result<void> const again = timer.disarm();
  ASSERT_TRUE(again.is_error());
  EXPECT_EQ(again.error(), keel::ErrorCode::Already);

  // An expiry that raced the disarm reaches no client.
  expire_alarm_timer();
  timer.handle_interrupt();
  EXPECT_EQ(client.fired, 0);
}

}  // namespace
