// AlarmDriver (driver 0x0): the pure earliest-expiration search, then the driver against real processes over a fake
// alarm, and once over the full MuxAlarm / VirtualAlarm stack.
#include <gtest/gtest.h>

#include <vector>

#include "capsule_fixture.h"
#include "capsules/alarm_driver.h"
#include "capsules/virtual_alarm.h"

namespace {

using keel::capsules::AlarmDriver;
using Expiration = AlarmDriver::Expiration;
using namespace keel_test;

constexpr uint32_t kDriver = AlarmDriver::kDriverNumber;

keel::Option<Expiration> earliest(Ticks now, std::vector<Expiration> const& expirations) {
  return AlarmDriver::earliest_expiration(now, [&](auto const& visit) {
    for (Expiration const& e : expirations) { visit(e); }
  });
}

TEST(EarliestExpiration, NoneWhenNoAlarmIsArmed) { EXPECT_TRUE(earliest(100, {}).is_none()); }

TEST(EarliestExpiration, PicksTheFewestTicksLeftRegardlessOfReference) {
  auto const e = earliest(1000, {{900, 400}, {1000, 250}, {500, 900}});
  ASSERT_TRUE(e.is_some());
  EXPECT_EQ(e.value().reference, 1000U) << "1250 comes before 1300 and 1400";
}

TEST(EarliestExpiration, AnExpiredAlarmComesBeforeAnyPendingOne) {
  auto const e = earliest(1000, {{990, 20}, {100, 800}});
  ASSERT_TRUE(e.is_some());
  EXPECT_EQ(e.value().reference, 100U) << "expired at 900: due at once";
}

TEST(EarliestExpiration, CountsTicksLeftModulo2To32AcrossTheWrap) {
  Ticks const now = 0xFFFFFFF0U;
  // Expires at 0x20, after the wrap (0x30 ticks left), versus 0xFFFFFFFF (0xF left) and 0x10 (0x20 left).
  auto const e = earliest(now, {{0xFFFFFFE0U, 0x40}, {0xFFFFFFF0U, 0xF}, {0xFFFFFFF0U, 0x20}});
  ASSERT_TRUE(e.is_some());
  EXPECT_EQ(e.value().dt, 0xFU);
  auto const after_wrap = earliest(now, {{0xFFFFFFE0U, 0x40}, {0xFFFFFFF0U, 0x20}});
  EXPECT_EQ(after_wrap.value().dt, 0x20U) << "0x10 (0x20 left) before 0x20 (0x30 left)";
}

TEST(EarliestExpiration, TiesGoToTheFirstVisited) {
  auto const e = earliest(0, {{10, 90}, {0, 100}});
  EXPECT_EQ(e.value().reference, 10U);
  auto const both_expired = earliest(500, {{0, 100}, {0, 50}});
  EXPECT_EQ(both_expired.value().dt, 100U);
}

class AlarmDriverTest : public CapsuleTest {
 protected:
  AlarmDriverTest() {
    platform.drivers[kDriver] = &driver;
    hardware.set_alarm_client(keel_test::static_ref(driver));
    load_processes(2);
    subscribe(0, kDriver, 0);
    subscribe(1, kDriver, 0);
  }

  FakeAlarm hardware;
  AlarmDriver driver{kernel, keel_test::static_ref(hardware)};
};

TEST_F(AlarmDriverTest, ExistsReportsFrequencyAndNow) {
  hardware.set_now(4242);
  EXPECT_EQ(command(0, kDriver, 0)[0], kSuccess);
  auto r = command(0, kDriver, 1);
  EXPECT_EQ(r[0], kSuccessU32);
  EXPECT_EQ(r[1], 32768U);
  r = command(0, kDriver, 2);
  EXPECT_EQ(r[0], kSuccessU32);
  EXPECT_EQ(r[1], 4242U);
  r = command(0, kDriver, 4);
  EXPECT_EQ(r[0], kFailure);
  EXPECT_EQ(r[1], keel::to_number(keel::ErrorCode::NoSupport));
}

TEST_F(AlarmDriverTest, StopWithoutAnArmedAlarmIsAlready) {
  auto const r = command(0, kDriver, 3);
  EXPECT_EQ(r[0], kFailure);
  EXPECT_EQ(r[1], keel::to_number(keel::ErrorCode::Already));
}

TEST_F(AlarmDriverTest, RelativeAlarmReturnsExpirationAndFiresOnceWithNowAndExpiration) {
  hardware.set_now(1000);
  auto const r = command(0, kDriver, 5, 500);
  EXPECT_EQ(r[0], kSuccessU32);
  EXPECT_EQ(r[1], 1500U);
  EXPECT_EQ(hardware.get_alarm(), 1500U);
  hardware.set_now(1499);
  EXPECT_FALSE(hardware.fire_if_due());
  hardware.set_now(1600);
  EXPECT_TRUE(hardware.fire_if_due());
  auto const upcall = take_upcall(0, kDriver, 0);
  ASSERT_TRUE(upcall);
  EXPECT_EQ((*upcall)[0], 1600U) << "now";
  EXPECT_EQ((*upcall)[1], 1500U) << "expiration";
  EXPECT_EQ((*upcall)[2], 0U);
  EXPECT_FALSE(hardware.is_armed());
  EXPECT_FALSE(take_upcall(0, kDriver, 0)) << "fires once";
  EXPECT_EQ(command(0, kDriver, 3)[1], keel::to_number(keel::ErrorCode::Already)) << "no longer armed";
}

TEST_F(AlarmDriverTest, AbsoluteAlarmReturnsReferencePlusDt) {
  hardware.set_now(10);
  auto const r = command(1, kDriver, 6, 2000, 100);
  EXPECT_EQ(r[0], kSuccessU32);
  EXPECT_EQ(r[1], 2100U);
  EXPECT_EQ(hardware.reference(), 2000U);
  EXPECT_EQ(hardware.dt(), 100U);
}

TEST_F(AlarmDriverTest, HardwareIsArmedForTheEarliestProcessAndRearmedAfterEachEvent) {
  command(0, kDriver, 6, 0, 3000);
  command(1, kDriver, 6, 0, 2000);
  EXPECT_EQ(hardware.get_alarm(), 2000U);
  EXPECT_TRUE(hardware.advance_to_expiration_and_fire());
  EXPECT_TRUE(take_upcall(1, kDriver, 0));
  EXPECT_FALSE(take_upcall(0, kDriver, 0));
  EXPECT_EQ(hardware.get_alarm(), 3000U);
  EXPECT_TRUE(hardware.advance_to_expiration_and_fire());
  EXPECT_TRUE(take_upcall(0, kDriver, 0));
  EXPECT_FALSE(hardware.is_armed());
}

TEST_F(AlarmDriverTest, StoppingTheEarliestMovesTheHardwareToTheNext) {
  command(0, kDriver, 6, 0, 100);
  command(1, kDriver, 6, 0, 200);
  EXPECT_EQ(command(0, kDriver, 3)[0], kSuccess);
  EXPECT_EQ(hardware.get_alarm(), 200U);
  EXPECT_EQ(command(1, kDriver, 3)[0], kSuccess);
  EXPECT_FALSE(hardware.is_armed());
}

TEST_F(AlarmDriverTest, SettingAgainReplacesTheProcessAlarm) {
  command(0, kDriver, 6, 0, 100);
  command(0, kDriver, 6, 0, 50);
  EXPECT_EQ(hardware.get_alarm(), 50U);
  EXPECT_TRUE(hardware.advance_to_expiration_and_fire());
  EXPECT_TRUE(take_upcall(0, kDriver, 0));
  EXPECT_FALSE(hardware.is_armed()) << "the replaced alarm is gone";
}

TEST_F(AlarmDriverTest, AlarmAcrossTheCounterWrapFires) {
  hardware.set_now(0xFFFFFF00U);
  auto const r = command(0, kDriver, 5, 0x200);
  EXPECT_EQ(r[1], 0x100U);
  hardware.set_now(0xFFFFFFFFU);
  EXPECT_FALSE(hardware.fire_if_due());
  hardware.set_now(0x100);
  EXPECT_TRUE(hardware.fire_if_due());
  auto const upcall = take_upcall(0, kDriver, 0);
  ASSERT_TRUE(upcall);
  EXPECT_EQ((*upcall)[1], 0x100U);
}

TEST_F(AlarmDriverTest, AlarmAlreadyInThePastFiresAtTheNextInterrupt) {
  hardware.set_now(5000);
  command(0, kDriver, 6, 1000, 10);
  EXPECT_FALSE(take_upcall(0, kDriver, 0)) << "never delivered inside the command";
  EXPECT_TRUE(hardware.fire_if_due());
  EXPECT_TRUE(take_upcall(0, kDriver, 0));
}

TEST_F(AlarmDriverTest, AProcessThatEndedNoLongerHoldsTheHardware) {
  command(0, kDriver, 6, 0, 100);
  command(1, kDriver, 6, 0, 300);
  terminate(0);
  EXPECT_TRUE(hardware.advance_to_expiration_and_fire());  // still armed for the ended process's 100
  EXPECT_EQ(hardware.get_alarm(), 300U) << "re-armed for the live one only";
  EXPECT_TRUE(hardware.advance_to_expiration_and_fire());
  EXPECT_TRUE(take_upcall(1, kDriver, 0));
}

TEST_F(AlarmDriverTest, WorksOverTheVirtualAlarmStackBesideAnotherClient) {
  FakeHardwareAlarm shared_hardware;
  keel::capsules::MuxAlarm mux(keel_test::static_ref(shared_hardware));
  shared_hardware.set_alarm_client(keel_test::static_ref(mux));
  keel::capsules::VirtualAlarm for_driver(keel_test::static_ref(mux));
  keel::capsules::VirtualAlarm for_kernel(keel_test::static_ref(mux));
  keel::capsules::VirtualAlarm::setup(keel_test::static_ref(for_driver));
  keel::capsules::VirtualAlarm::setup(keel_test::static_ref(for_kernel));
  AlarmDriver stacked(kernel, keel_test::static_ref(for_driver));
  for_driver.set_alarm_client(keel_test::static_ref(stacked));
  AlarmCounter other;
  for_kernel.set_alarm_client(keel_test::static_ref(other));
  platform.drivers[kDriver] = &stacked;
  subscribe(0, kDriver, 0);

  for_kernel.set_alarm(0, 150);
  EXPECT_EQ(command(0, kDriver, 6, 0, 100)[1], 100U);
  EXPECT_EQ(shared_hardware.get_alarm(), 100U);
  EXPECT_TRUE(shared_hardware.advance_to_expiration_and_fire());
  EXPECT_TRUE(take_upcall(0, kDriver, 0));
  EXPECT_EQ(other.count, 0);
  EXPECT_EQ(shared_hardware.get_alarm(), 150U);
  EXPECT_TRUE(shared_hardware.advance_to_expiration_and_fire());
  EXPECT_EQ(other.count, 1);
}

}  // namespace
