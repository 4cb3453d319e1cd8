// MuxAlarm / VirtualAlarm: several clients over one fake hardware alarm.
#include <gtest/gtest.h>

#include <type_traits>

#include "../test_panic.h"
#include "capsules/virtual_alarm.h"
#include "fakes.h"

namespace {

using keel::capsules::MuxAlarm;
using keel::capsules::VirtualAlarm;
using keel_test::AlarmCounter;
using keel_test::FakeHardwareAlarm;
using keel_test::static_ref;

// The two HIL layers keep the mux off its own outputs (kernel/hil/time.h): a VirtualAlarm is no hardware alarm a
// mux could sit on, and the mux is no client a VirtualAlarm could call. Checked here so that giving either class the
// other layer's interface again fails to compile, not only the stack analysis.
static_assert(std::is_constructible_v<MuxAlarm, keel::StaticRef<keel_test::FakeHardwareAlarm const>>);
static_assert(!std::is_constructible_v<MuxAlarm, keel::StaticRef<VirtualAlarm const>>);
static_assert(!std::is_constructible_v<MuxAlarm, keel::StaticRef<MuxAlarm const>>);
static_assert(!std::is_base_of_v<keel::hil::time::HardwareAlarm, VirtualAlarm>);
static_assert(!std::is_base_of_v<keel::hil::time::AlarmClient, MuxAlarm>);
static_assert(!std::is_base_of_v<keel::hil::time::Alarm, keel::hil::time::HardwareAlarm>);
static_assert(!std::is_base_of_v<keel::hil::time::Time, keel::hil::time::HardwareAlarm>);
static_assert(!std::is_base_of_v<keel::hil::time::AlarmClient, keel::hil::time::HardwareAlarmClient>);

class VirtualAlarmTest : public ::testing::Test {
 protected:
  VirtualAlarmTest() {
    hardware.set_alarm_client(static_ref(mux));
    // Linked in the order a, b, c; the list is then c -> b -> a.
    for (auto* pair : {&a, &b, &c}) {
      VirtualAlarm::setup(static_ref(pair->alarm));
      pair->alarm.set_alarm_client(static_ref(pair->client));
    }
  }
  struct Client {
    explicit Client(MuxAlarm const& mux) : alarm(static_ref(mux)) {}
    VirtualAlarm alarm;
    AlarmCounter client;
  };

  FakeHardwareAlarm hardware;
  MuxAlarm mux{static_ref(hardware)};
  Client a{mux};
  Client b{mux};
  Client c{mux};
};

TEST_F(VirtualAlarmTest, SingleAlarmArmsHardwareAndFiresOnceWhenDue) {
  hardware.set_now(100);
  a.alarm.set_alarm(100, 50);
  EXPECT_TRUE(a.alarm.is_armed());
  EXPECT_TRUE(hardware.is_armed());
  EXPECT_EQ(hardware.get_alarm(), 150U);
  hardware.set_now(149);
  EXPECT_FALSE(hardware.fire_if_due());
  hardware.set_now(150);
  EXPECT_TRUE(hardware.fire_if_due());
  EXPECT_EQ(a.client.count, 1);
  EXPECT_FALSE(a.alarm.is_armed());
  EXPECT_FALSE(hardware.is_armed()) << "nothing left to wait for";
  EXPECT_EQ(a.alarm.get_alarm(), 150U);
}

TEST_F(VirtualAlarmTest, HardwareFollowsTheEarliestArmedAlarm) {
  a.alarm.set_alarm(0, 300);
  b.alarm.set_alarm(0, 100);
  c.alarm.set_alarm(0, 200);
  EXPECT_EQ(hardware.get_alarm(), 100U);
  EXPECT_TRUE(hardware.advance_to_expiration_and_fire());
  EXPECT_EQ(b.client.count, 1);
  EXPECT_EQ(a.client.count + c.client.count, 0);
  EXPECT_EQ(hardware.get_alarm(), 200U);
  EXPECT_TRUE(hardware.advance_to_expiration_and_fire());
  EXPECT_EQ(c.client.count, 1);
  EXPECT_EQ(hardware.get_alarm(), 300U);
  EXPECT_TRUE(hardware.advance_to_expiration_and_fire());
  EXPECT_EQ(a.client.count, 1);
  EXPECT_FALSE(hardware.is_armed());
}

TEST_F(VirtualAlarmTest, EveryExpiredAlarmFiresInOnePass) {
  a.alarm.set_alarm(0, 100);
  b.alarm.set_alarm(0, 120);
  c.alarm.set_alarm(0, 500);
  hardware.set_now(130);  // interrupt latency: both a and b are overdue by now
  EXPECT_TRUE(hardware.fire_if_due());
  EXPECT_EQ(a.client.count, 1);
  EXPECT_EQ(b.client.count, 1);
  EXPECT_EQ(c.client.count, 0);
  EXPECT_EQ(hardware.get_alarm(), 500U);
}

TEST_F(VirtualAlarmTest, SecondAlarmSetDuringFirstAlarmFiringFiresOnALaterPass) {
  hardware.set_now(0);
  a.alarm.set_alarm(0, 10);
  a.client.on_fire = [&] { b.alarm.set_alarm(hardware.now(), 0); };  // already due when set
  EXPECT_TRUE(hardware.advance_to_expiration_and_fire());
  EXPECT_EQ(a.client.count, 1);
  EXPECT_EQ(b.client.count, 0) << "not fired inside the pass that armed it";
  EXPECT_TRUE(hardware.is_armed()) << "re-armed once the pass ended";
  EXPECT_TRUE(hardware.advance_to_expiration_and_fire());
  EXPECT_EQ(b.client.count, 1);
}

TEST_F(VirtualAlarmTest, CallbackRearmingItselfWithZeroDtDoesNotSpin) {
  a.alarm.set_alarm(0, 5);
  a.client.on_fire = [&] { a.alarm.set_alarm(hardware.now(), 0); };
  for (int pass = 1; pass <= 3; ++pass) {
    EXPECT_TRUE(hardware.advance_to_expiration_and_fire());
    EXPECT_EQ(a.client.count, pass) << "exactly one call per hardware interrupt";
  }
}

TEST_F(VirtualAlarmTest, AlarmInThePastFiresOnTheNextInterrupt) {
  hardware.set_now(1000);
  hardware.minimum = 3;
  a.alarm.set_alarm(100, 50);
  EXPECT_EQ(a.client.count, 0) << "never called back inside set_alarm";
  EXPECT_EQ(hardware.reference(), 1000U);
  EXPECT_EQ(hardware.dt(), 3U) << "pushed minimum_dt ahead of now";
  EXPECT_TRUE(hardware.advance_to_expiration_and_fire());
  EXPECT_EQ(a.client.count, 1);
}

TEST_F(VirtualAlarmTest, ShortDtIsRaisedToTheHardwareMinimum) {
  hardware.set_now(50);
  hardware.minimum = 10;
  a.alarm.set_alarm(50, 2);
  EXPECT_EQ(hardware.get_alarm(), 60U);
  EXPECT_EQ(a.alarm.get_alarm(), 52U) << "the client still sees what it asked for";
}

TEST_F(VirtualAlarmTest, ExpirationAcrossTheCounterWrapIsOrderedAndFired) {
  hardware.set_now(0xFFFFFF00U);
  a.alarm.set_alarm(0xFFFFFF00U, 0x200);  // expires at 0x100, after the wrap
  b.alarm.set_alarm(0xFFFFFF00U, 0x80);   // expires at 0xFFFFFF80, before it
  EXPECT_EQ(hardware.get_alarm(), 0xFFFFFF80U);
  EXPECT_TRUE(hardware.advance_to_expiration_and_fire());
  EXPECT_EQ(b.client.count, 1);
  EXPECT_EQ(hardware.get_alarm(), 0x100U);
  hardware.set_now(0xFFFFFFF0U);
  EXPECT_FALSE(hardware.fire_if_due());
  hardware.set_now(0x100);
  EXPECT_TRUE(hardware.fire_if_due());
  EXPECT_EQ(a.client.count, 1);
}

TEST_F(VirtualAlarmTest, DisarmingTheLastAlarmDisarmsTheHardware) {
  EXPECT_EQ(a.alarm.disarm().error(), keel::ErrorCode::Already);
  a.alarm.set_alarm(0, 100);
  b.alarm.set_alarm(0, 200);
  EXPECT_TRUE(a.alarm.disarm().is_ok());
  EXPECT_EQ(hardware.get_alarm(), 200U) << "moved on to the next one";
  EXPECT_TRUE(b.alarm.disarm().is_ok());
  EXPECT_FALSE(hardware.is_armed());
  EXPECT_EQ(b.alarm.disarm().error(), keel::ErrorCode::Already);
}

TEST_F(VirtualAlarmTest, AlarmDisarmedByAnEarlierCallbackInThePassDoesNotFire) {
  // List order is c, b, a: c's callback runs first and disarms a, which is also due.
  c.alarm.set_alarm(0, 10);
  a.alarm.set_alarm(0, 10);
  c.client.on_fire = [&] {
    EXPECT_TRUE(a.alarm.is_armed()) << "due but not yet called: still armed for its client";
    EXPECT_TRUE(a.alarm.disarm().is_ok());
  };
  EXPECT_TRUE(hardware.advance_to_expiration_and_fire());
  EXPECT_EQ(c.client.count, 1);
  EXPECT_EQ(a.client.count, 0);
  EXPECT_FALSE(hardware.is_armed());
}

TEST_F(VirtualAlarmTest, QuickAlarmsAreNotSkippedWhileTimeMoves) {
  hardware.advance_per_read = 7;  // every read of the clock takes time
  for (int i = 0; i < 50; ++i) {
    a.alarm.set_alarm(a.alarm.now(), 1);
    b.alarm.set_alarm(b.alarm.now(), 3);
    while (a.alarm.is_armed() || b.alarm.is_armed()) { ASSERT_TRUE(hardware.advance_to_expiration_and_fire()); }
  }
  EXPECT_EQ(a.client.count, 50);
  EXPECT_EQ(b.client.count, 50);
}

TEST_F(VirtualAlarmTest, FrequencyAndNowComeFromTheHardware) {
  hardware.set_now(1234);
  EXPECT_EQ(a.alarm.now(), 1234U);
  EXPECT_EQ(a.alarm.frequency(), hardware.frequency());
  hardware.minimum = 4;
  EXPECT_EQ(a.alarm.minimum_dt(), 4U);
}

TEST(VirtualAlarmWiring, SetupTwiceOrUseBeforeSetupIsAWiringBugAndPanics) {
  FakeHardwareAlarm hardware;
  MuxAlarm mux(static_ref(hardware));
  VirtualAlarm alarm(static_ref(mux));
  EXPECT_THROW(alarm.set_alarm(0, 1), keel_test::KernelPanic);
  VirtualAlarm::setup(static_ref(alarm));
  EXPECT_THROW(VirtualAlarm::setup(static_ref(alarm)), keel_test::KernelPanic);
}

}  // namespace
