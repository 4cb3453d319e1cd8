// The CLINT alarm: the 64-bit compare-value arithmetic (wrap of the 32-bit tick, alarms already due), and the
// driver against a register block in ordinary memory with a fake mie.MTIE.
#include "chips/qemu-virt/clint.h"

#include <gtest/gtest.h>

#include "fake_registers.h"

namespace {

using keel::chips::qemu_virt::Clint;
using keel::chips::qemu_virt::ClintRegisters;

constexpr std::size_t kMtimecmpLow = 0x4000;
constexpr std::size_t kMtimecmpHigh = 0x4004;
constexpr std::size_t kMtimeLow = 0xBFF8;
constexpr std::size_t kMtimeHigh = 0xBFFC;

// The arithmetic is constexpr: the basic cases are checked at compile time.
static_assert(Clint::compare_value(1000, 1000, 50) == 1050);
static_assert(Clint::compare_value(1020, 1000, 50) == 1050, "30 ticks elapsed, 20 to go");
static_assert(Clint::compare_value(1050, 1000, 50) == 1050, "due exactly now");

TEST(ClintArithmetic, AlarmAcrossTheLowWordWrapCarriesIntoTheHighWord) {
  // now = 0x1_FFFF_FFF8: the low word wraps 8 ticks from now. Alarm set 8 ticks ago for 0x20 ticks.
  uint64_t const now = 0x1'FFFF'FFF8ULL;
  EXPECT_EQ(Clint::compare_value(now, 0xFFFF'FFF0U, 0x20), 0x2'0000'0010ULL);
  // Reference before the wrap, alarm after it: 0xFFFF'FF00 + 0x200 lands at 0x100 of the next 2^32 epoch.
  EXPECT_EQ(Clint::compare_value(0x5'FFFF'FF80ULL, 0xFFFF'FF00U, 0x200), 0x6'0000'0100ULL);
}

TEST(ClintArithmetic, AlarmsAlreadyDueCompareAsNow) {
  EXPECT_EQ(Clint::compare_value(0x3'0000'0100ULL, 0x0000'0000U, 0x10), 0x3'0000'0100ULL);
  // Due long ago, across the wrap: reference 0xFFFF'FFF0, dt 0x10, now's low word 0x50.
  EXPECT_EQ(Clint::compare_value(0x7'0000'0050ULL, 0xFFFF'FFF0U, 0x10), 0x7'0000'0050ULL);
  // dt = 0 is due at once.
  EXPECT_EQ(Clint::compare_value(12345, 12345, 0), 12345U);
}

TEST(ClintArithmetic, AgreesWithHasExpired) {
  // Whatever (reference, dt, now), the alarm is due now exactly when hil::time::has_expired says so.
  uint64_t const nows[] = {0, 5, 0xFFFF'FFFFULL, 0x1'0000'0000ULL, 0x1'0000'0007ULL, 0x9'8765'4321ULL};
  uint32_t const references[] = {0, 3, 0xFFFF'FFF0U, 0x8000'0000U, 0x8765'4321U};
  uint32_t const dts[] = {0, 1, 7, 0x10, 0x7FFF'FFFFU};
  for (uint64_t now : nows) {
    for (uint32_t reference : references) {
      for (uint32_t dt : dts) {
        uint64_t const compare = Clint::compare_value(now, reference, dt);
        bool const due = keel::hil::time::has_expired(reference, dt, static_cast<uint32_t>(now));
        EXPECT_EQ(compare <= now, due) << now << " " << reference << " " << dt;
        EXPECT_EQ(static_cast<uint32_t>(compare), due ? static_cast<uint32_t>(now) : reference + dt);
      }
    }
  }
}

struct FakeTimerEnable final : keel::chips::qemu_virt::InterruptEnable {
  void enable() const override { enabled = true; }
  void disable() const override { enabled = false; }
  mutable bool enabled = false;
};

struct RecordingAlarmClient final : keel::hil::time::HardwareAlarmClient {
  explicit RecordingAlarmClient(Clint const& clint, FakeTimerEnable const& timer) : clint(clint), timer(timer) {}
  void alarm_fired() const override {
    ++fired;
    armed_when_fired = clint.is_armed();
    enabled_when_fired = timer.enabled;
  }
  Clint const& clint;
  FakeTimerEnable const& timer;
  mutable int fired = 0;
  mutable bool armed_when_fired = true;
  mutable bool enabled_when_fired = true;
};

class ClintTest : public ::testing::Test {
 protected:
  void set_mtime(uint64_t value) {
    keel_test::poke32(*registers, kMtimeLow, static_cast<uint32_t>(value));
    keel_test::poke32(*registers, kMtimeHigh, static_cast<uint32_t>(value >> 32));
  }
  uint64_t mtimecmp() const {
    return (static_cast<uint64_t>(keel_test::peek32(*registers, kMtimecmpHigh)) << 32) |
           keel_test::peek32(*registers, kMtimecmpLow);
  }

  std::unique_ptr<ClintRegisters> registers = keel_test::make_register_block<ClintRegisters>();
  FakeTimerEnable timer;
  Clint clint{keel_test::static_ref(*registers), keel_test::static_ref(timer)};
  RecordingAlarmClient client{clint, timer};
};

TEST_F(ClintTest, ReadsTheTimeFromMtime) {
  set_mtime(0x0000'0002'8000'0010ULL);
  EXPECT_EQ(clint.now(), 0x8000'0010U) << "ticks are the low word";
  EXPECT_EQ(clint.now_64(), 0x0000'0002'8000'0010ULL);
  EXPECT_EQ(clint.frequency(), 10'000'000U);
}

TEST_F(ClintTest, InitializeLeavesItDisarmed) {
  keel_test::poke32(*registers, kMtimecmpLow, 5);
  timer.enabled = true;
  clint.initialize();
  EXPECT_EQ(mtimecmp(), Clint::kNever);
  EXPECT_FALSE(timer.enabled);
  EXPECT_FALSE(clint.is_armed());
}

TEST_F(ClintTest, SetAlarmWritesTheSixtyFourBitCompareAndEnablesTheInterrupt) {
  clint.initialize();
  set_mtime(0x1'FFFF'FFF8ULL);
  clint.set_alarm(0xFFFF'FFF0U, 0x20);
  EXPECT_EQ(mtimecmp(), 0x2'0000'0010ULL);
  EXPECT_TRUE(timer.enabled);
  EXPECT_TRUE(clint.is_armed());
  EXPECT_EQ(clint.get_alarm(), 0x10U) << "reference + dt, modulo 2^32";
}

TEST_F(ClintTest, AnAlarmInThePastIsWrittenAsNowSoItFiresAtOnce) {
  clint.initialize();
  set_mtime(0x4'0000'0100ULL);
  clint.set_alarm(0x0000'0080U, 0x10);
  EXPECT_EQ(mtimecmp(), 0x4'0000'0100ULL) << "mtime >= mtimecmp: pending immediately";
  EXPECT_EQ(client.fired, 0) << "never from inside set_alarm";
}

// Disarming masks the interrupt (that alone keeps it from being pending or ending a wfi); the next set_alarm
// writes a fresh compare value before unmasking.
TEST_F(ClintTest, DisarmMasksTheInterruptAndSaysWhetherAnythingWasArmed) {
  clint.initialize();
  clint.set_alarm(0, 100);
  EXPECT_TRUE(clint.disarm().is_ok());
  EXPECT_FALSE(timer.enabled);
  EXPECT_FALSE(clint.is_armed());
  keel::Result<void> const again = clint.disarm();
  ASSERT_TRUE(again.is_error());
  EXPECT_EQ(again.error(), keel::ErrorCode::Already);
  set_mtime(500);
  clint.set_alarm(500, 30);
  EXPECT_EQ(mtimecmp(), 530U);
  EXPECT_TRUE(timer.enabled);
}

TEST_F(ClintTest, InterruptDisarmsBeforeCallingTheClient) {
  clint.initialize();
  clint.set_alarm_client(keel_test::static_ref(client));
  clint.set_alarm(0, 100);
  set_mtime(100);
  clint.handle_interrupt();
  EXPECT_EQ(client.fired, 1);
  EXPECT_FALSE(client.armed_when_fired) << "a client that re-arms from alarm_fired must not be undone";
  EXPECT_FALSE(client.enabled_when_fired);
  EXPECT_FALSE(clint.is_armed());
  EXPECT_EQ(clint.disarm().error(), keel::ErrorCode::Already);

  clint.handle_interrupt();
  EXPECT_EQ(client.fired, 1) << "a spurious timer interrupt while disarmed reaches no client";
}

}  // namespace
