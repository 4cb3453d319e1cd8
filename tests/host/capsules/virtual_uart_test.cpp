// MuxUart / UartDevice: several users over one fake UART.
#include <gtest/gtest.h>

#include <type_traits>

#include "../test_panic.h"
#include "capsules/virtual_uart.h"
#include "fakes.h"

namespace {

using keel::ErrorCode;
using keel::Slice;
using keel::capsules::MuxUart;
using keel::capsules::UartDevice;
using namespace keel_test;

// The two HIL layers keep the mux off its own outputs (kernel/hil/uart.h): a UartDevice is no hardware UART a mux
// could sit on, and the mux is no client a UartDevice could call. Checked here so that giving either class the
// other layer's interface again fails to compile, not only the stack analysis.
static_assert(std::is_constructible_v<MuxUart, keel::StaticRef<keel_test::FakeHardwareUart const>>);
static_assert(!std::is_constructible_v<MuxUart, keel::StaticRef<UartDevice const>>);
static_assert(!std::is_base_of_v<keel::hil::uart::HardwareUart, UartDevice>);
static_assert(!std::is_base_of_v<keel::hil::uart::TransmitClient, MuxUart>);
static_assert(!std::is_base_of_v<keel::hil::uart::ReceiveClient, MuxUart>);
static_assert(!std::is_base_of_v<keel::hil::uart::Uart, keel::hil::uart::HardwareUart>);
static_assert(!std::is_base_of_v<keel::hil::uart::TransmitClient, keel::hil::uart::HardwareTransmitClient>);
static_assert(!std::is_base_of_v<keel::hil::uart::ReceiveClient, keel::hil::uart::HardwareReceiveClient>);

struct User {
  explicit User(MuxUart const& mux, char fill,
                keel::capsules::ReceivePriority priority = keel::capsules::ReceivePriority::Foreground)
      : device(static_ref(mux), priority) {
    for (auto& b : storage) { b = static_cast<uint8_t>(fill); }
  }
  StaticBuffer<uint8_t> buffer() { return static_buffer(storage); }
  UartDevice device;
  UartRecorder recorder;
  uint8_t storage[8] = {};
};

class VirtualUartTest : public ::testing::Test {
 protected:
  VirtualUartTest() {
    reset_deferred();
    uart.set_transmit_client(static_ref(mux));
    uart.set_receive_client(static_ref(mux));
    // Linked a, b, c: the list is c -> b -> a, and turns go round in that order.
    for (User* user : {&a, &b, &c}) {
      UartDevice::setup(static_ref(user->device));
      user->device.set_transmit_client(static_ref(user->recorder));
      user->device.set_receive_client(static_ref(user->recorder));
    }
  }
  ~VirtualUartTest() override { reset_deferred(); }

  FakeHardwareUart uart;
  MuxUart mux{static_ref(uart)};
  User a{mux, 'a'};
  User b{mux, 'b'};
  User c{mux, 'c'};
};

TEST_F(VirtualUartTest, TransmissionPassesThroughAndTheBufferComesBackLater) {
  EXPECT_TRUE(a.device.transmit_buffer(a.buffer(), 3).is_ok());
  EXPECT_TRUE(a.recorder.transmitted.empty()) << "never called back inside transmit_buffer";
  ASSERT_EQ(uart.transmissions.size(), 1U);
  EXPECT_EQ(uart.transmissions[0], "aaa");
  uart.complete_transmit();
  ASSERT_EQ(a.recorder.transmitted.size(), 1U);
  EXPECT_EQ(a.recorder.transmitted[0].length, 3U);
  EXPECT_TRUE(a.recorder.transmitted[0].ok);
}

TEST_F(VirtualUartTest, BadLengthIsSizeAndASecondTransmissionFromOneDeviceIsBusy) {
  EXPECT_EQ(a.device.transmit_buffer(a.buffer(), 0).error(), ErrorCode::Size);
  EXPECT_EQ(a.device.transmit_buffer(a.buffer(), 9).error(), ErrorCode::Size);
  EXPECT_TRUE(a.device.transmit_buffer(a.buffer(), 1).is_ok());
  EXPECT_EQ(a.device.transmit_buffer(a.buffer(), 1).error(), ErrorCode::Busy);
  EXPECT_TRUE(b.device.transmit_buffer(b.buffer(), 1).is_ok()) << "another device waits instead";
  EXPECT_EQ(b.device.transmit_buffer(b.buffer(), 1).error(), ErrorCode::Busy) << "while waiting, too";
}

TEST_F(VirtualUartTest, OneTransmissionAtATimeAndTheNextStartsBeforeTheCallback) {
  EXPECT_TRUE(a.device.transmit_buffer(a.buffer(), 2).is_ok());
  EXPECT_TRUE(b.device.transmit_buffer(b.buffer(), 4).is_ok());
  EXPECT_EQ(uart.transmissions.size(), 1U) << "b waits while a is sent";
  bool b_in_flight_during_a_callback = false;
  a.recorder.on_transmitted = [&](StaticBuffer<uint8_t>) { b_in_flight_during_a_callback = uart.transmitting(); };
  uart.complete_transmit();
  EXPECT_TRUE(b_in_flight_during_a_callback);
  ASSERT_EQ(uart.transmissions.size(), 2U);
  EXPECT_EQ(uart.transmissions[1], "bbbb");
  uart.complete_transmit();
  EXPECT_EQ(b.recorder.transmitted.size(), 1U);
  EXPECT_FALSE(uart.transmitting());
}

TEST_F(VirtualUartTest, DevicesAreServedInTurnEvenWhenOneSendsAgainFromItsCallback) {
  // a sends again as soon as it is told its buffer went out; b and c must not starve.
  a.recorder.on_transmitted = [&](StaticBuffer<uint8_t>&& buffer) {
    if (a.recorder.transmitted.size() < 3) { EXPECT_TRUE(a.device.transmit_buffer(std::move(buffer), 1).is_ok()); }
  };
  EXPECT_TRUE(a.device.transmit_buffer(a.buffer(), 1).is_ok());
  EXPECT_TRUE(b.device.transmit_buffer(b.buffer(), 1).is_ok());
  EXPECT_TRUE(c.device.transmit_buffer(c.buffer(), 1).is_ok());
  b.recorder.on_transmitted = [&](StaticBuffer<uint8_t>&& buffer) {
    if (b.recorder.transmitted.size() < 2) { EXPECT_TRUE(b.device.transmit_buffer(std::move(buffer), 1).is_ok()); }
  };
  // Turns go round the list (c, b, a) from the device just served: a, then c, b, a, b, a.
  EXPECT_EQ(uart.drain(), "acbaba");
}

TEST_F(VirtualUartTest, UartRefusingAtOnceIsReportedSynchronouslyAndTheDeviceStaysUsable) {
  uart.refuse_transmit = ErrorCode::Off;
  keel::BufferResult<uint8_t> refused = a.device.transmit_buffer(a.buffer(), 2);
  EXPECT_EQ(refused.error(), ErrorCode::Off);
  EXPECT_TRUE(a.recorder.transmitted.empty());
  StaticBuffer<uint8_t> returned = refused.take_buffer();
  EXPECT_TRUE(returned.slice().starts_at(a.storage[0])) << "the refused buffer comes back to the caller";
  EXPECT_EQ(returned.size(), 8U);
  uart.refuse_transmit.reset();
  EXPECT_TRUE(a.device.transmit_buffer(std::move(returned), 2).is_ok());
}

TEST_F(VirtualUartTest, UartRefusingAWaitingDeviceReturnsItsBufferThroughItsCallback) {
  EXPECT_TRUE(a.device.transmit_buffer(a.buffer(), 2).is_ok());
  EXPECT_TRUE(b.device.transmit_buffer(b.buffer(), 2).is_ok());
  EXPECT_TRUE(c.device.transmit_buffer(c.buffer(), 2).is_ok());
  uart.refuse_transmit = ErrorCode::Fail;
  uart.complete_transmit();
  ASSERT_EQ(c.recorder.transmitted.size(), 1U);
  EXPECT_FALSE(c.recorder.transmitted[0].ok);
  EXPECT_EQ(c.recorder.transmitted[0].error, ErrorCode::Fail);
  EXPECT_EQ(c.recorder.transmitted[0].length, 0U);
  ASSERT_EQ(b.recorder.transmitted.size(), 1U);
  EXPECT_FALSE(b.recorder.transmitted[0].ok);
  ASSERT_EQ(a.recorder.transmitted.size(), 1U);
  EXPECT_TRUE(a.recorder.transmitted[0].ok);
  uart.refuse_transmit.reset();
  EXPECT_TRUE(b.device.transmit_buffer(b.buffer(), 1).is_ok()) << "b is idle again";
}

TEST_F(VirtualUartTest, ReceivedBytesGoToTheDeviceThatAsked) {
  EXPECT_TRUE(b.device.receive_buffer(b.buffer(), 3).is_ok());
  EXPECT_EQ(a.device.receive_buffer(a.buffer(), 3).error(), ErrorCode::Busy) << "one receive at a time";
  EXPECT_EQ(a.device.receive_buffer(a.buffer(), 0).error(), ErrorCode::Size);
  uart.receive_bytes("xyz");
  ASSERT_EQ(b.recorder.received.size(), 1U);
  EXPECT_EQ(b.recorder.received[0].bytes, "xyz");
  EXPECT_TRUE(b.recorder.received[0].ok);
  EXPECT_TRUE(a.recorder.received.empty());
  EXPECT_TRUE(a.device.receive_buffer(a.buffer(), 1).is_ok()) << "free again";
}

TEST_F(VirtualUartTest, AbortEndsTheReceiveWithCancelThroughADeferredCall) {
  EXPECT_TRUE(a.device.receive_abort().is_ok()) << "nothing to abort: success, no callback";
  EXPECT_TRUE(a.device.receive_buffer(a.buffer(), 4).is_ok());
  EXPECT_TRUE(b.device.receive_abort().is_ok()) << "b is not receiving: a's receive is untouched";
  EXPECT_EQ(uart.aborts, 0);
  uart.receive_bytes("hi");
  EXPECT_EQ(a.device.receive_abort().error(), ErrorCode::Busy);
  EXPECT_TRUE(a.recorder.received.empty()) << "not inside receive_abort";
  keel::DeferredCall::service_pending();
  ASSERT_EQ(a.recorder.received.size(), 1U);
  EXPECT_EQ(a.recorder.received[0].bytes, "hi");
  EXPECT_EQ(a.recorder.received[0].error, ErrorCode::Cancel);
}

/// a and b receive in the foreground (the console of processes), listener in the background (the process console).
class BackgroundReceiveTest : public VirtualUartTest {
 protected:
  BackgroundReceiveTest() {
    UartDevice::setup(static_ref(listener.device));
    listener.device.set_receive_client(static_ref(listener.recorder));
  }
  User listener{mux, 'l', keel::capsules::ReceivePriority::Background};
};

TEST_F(BackgroundReceiveTest, ForegroundReadTakesOverFromTheListenerAndTheListenerResumesAfter) {
  ASSERT_TRUE(listener.device.receive_buffer(listener.buffer(), 1).is_ok());
  uart.receive_bytes("h");
  ASSERT_EQ(listener.recorder.received.size(), 1U);
  EXPECT_EQ(listener.recorder.received[0].bytes, "h") << "nobody else reads: the listener gets what is typed";

  ASSERT_TRUE(listener.device.receive_buffer(listener.buffer(), 1).is_ok());
  ASSERT_TRUE(a.device.receive_buffer(a.buffer(), 3).is_ok()) << "a foreground read is never refused by a listener";
  EXPECT_EQ(uart.aborts, 1) << "the listener's receive is aborted";
  keel::DeferredCall::service_pending();  // the UART's Cancel for the listener
  ASSERT_EQ(listener.recorder.received.size(), 2U);
  EXPECT_EQ(listener.recorder.received[1].error, ErrorCode::Cancel);
  EXPECT_EQ(uart.receive_length(), 3U) << "the foreground read now owns the UART";

  // The listener asks again from its Cancel (as the process console does): it waits behind the read.
  ASSERT_TRUE(listener.device.receive_buffer(listener.buffer(), 1).is_ok());
  uart.receive_bytes("abc");
  ASSERT_EQ(a.recorder.received.size(), 1U);
  EXPECT_EQ(a.recorder.received[0].bytes, "abc") << "what is typed during the read goes to the reader only";
  EXPECT_EQ(listener.recorder.received.size(), 2U);
  EXPECT_EQ(uart.receive_length(), 1U) << "the listener resumed once the read ended";
  uart.receive_bytes("x");
  ASSERT_EQ(listener.recorder.received.size(), 3U);
  EXPECT_EQ(listener.recorder.received[2].bytes, "x");
}

TEST_F(BackgroundReceiveTest, ListenerWaitsWhileAForegroundReadRunsAndASecondForegroundReadIsBusy) {
  ASSERT_TRUE(a.device.receive_buffer(a.buffer(), 2).is_ok());
  EXPECT_TRUE(listener.device.receive_buffer(listener.buffer(), 1).is_ok()) << "parked, not refused";
  EXPECT_EQ(listener.device.receive_buffer(listener.buffer(), 1).error(), ErrorCode::Busy) << "already waiting";
  EXPECT_EQ(b.device.receive_buffer(b.buffer(), 2).error(), ErrorCode::Busy) << "one foreground read at a time";
  EXPECT_EQ(uart.aborts, 0);
  uart.receive_bytes("ok");
  EXPECT_EQ(a.recorder.received.at(0).bytes, "ok");
  uart.receive_bytes("z");
  ASSERT_EQ(listener.recorder.received.size(), 1U);
  EXPECT_EQ(listener.recorder.received[0].bytes, "z");
}

TEST_F(BackgroundReceiveTest, AbortingAWaitingReceiveReturnsItsBufferWithCancelWhenTheUartFrees) {
  ASSERT_TRUE(a.device.receive_buffer(a.buffer(), 2).is_ok());
  ASSERT_TRUE(listener.device.receive_buffer(listener.buffer(), 1).is_ok());
  EXPECT_EQ(listener.device.receive_abort().error(), ErrorCode::Busy) << "a Cancel follows";
  EXPECT_TRUE(listener.recorder.received.empty()) << "not inside receive_abort";
  uart.receive_bytes("ok");
  ASSERT_EQ(listener.recorder.received.size(), 1U);
  EXPECT_EQ(listener.recorder.received[0].error, ErrorCode::Cancel);
  EXPECT_FALSE(uart.receiving()) << "the aborted listener did not start";
}

TEST_F(BackgroundReceiveTest, ForegroundReadAbortedWhileTakingOverEndsWithCancelAndTheListenerResumes) {
  ASSERT_TRUE(listener.device.receive_buffer(listener.buffer(), 1).is_ok());
  ASSERT_TRUE(a.device.receive_buffer(a.buffer(), 3).is_ok());
  EXPECT_EQ(a.device.receive_abort().error(), ErrorCode::Busy);
  keel::DeferredCall::service_pending();  // the listener's Cancel ends the take-over
  ASSERT_EQ(a.recorder.received.size(), 1U);
  EXPECT_EQ(a.recorder.received[0].error, ErrorCode::Cancel);
  ASSERT_TRUE(listener.device.receive_buffer(listener.buffer(), 1).is_ok()) << "the UART is free for the listener";
  uart.receive_bytes("q");
  EXPECT_EQ(listener.recorder.received.back().bytes, "q");
}

class SwitchableClaim final : public keel::capsules::InputClaim {
 public:
  bool claims_input() const override { return claimed; }
  bool claimed = false;
};

TEST_F(BackgroundReceiveTest, AClaimedInputKeepsTheListenerWaitingBetweenForegroundReads) {
  SwitchableClaim claim;
  a.device.set_input_claim(static_ref(claim));
  claim.claimed = true;
  ASSERT_TRUE(listener.device.receive_buffer(listener.buffer(), 1).is_ok()) << "parked, not refused";
  EXPECT_FALSE(uart.receiving()) << "a reader holds the input: the listener does not start";
  ASSERT_TRUE(a.device.receive_buffer(a.buffer(), 1).is_ok());
  uart.receive_bytes("k");
  EXPECT_EQ(a.recorder.received.at(0).bytes, "k");
  EXPECT_FALSE(uart.receiving()) << "between the reader's reads the next key waits for the reader";
  claim.claimed = false;  // the reader ended: the next transmission's end lets the listener in
  ASSERT_TRUE(b.device.transmit_buffer(b.buffer(), 1).is_ok());
  uart.complete_transmit();
  EXPECT_TRUE(uart.receiving());
  uart.receive_bytes("z");
  EXPECT_EQ(listener.recorder.received.at(0).bytes, "z");
}

TEST(VirtualUartWiring, SetupTwiceOrUseBeforeSetupIsAWiringBugAndPanics) {
  FakeHardwareUart uart;
  MuxUart mux(static_ref(uart));
  UartDevice device(static_ref(mux));
  uint8_t storage[2] = {};
  EXPECT_THROW((void)device.transmit_buffer(static_buffer(storage), 1), KernelPanic);
  UartDevice::setup(static_ref(device));
  EXPECT_THROW(UartDevice::setup(static_ref(device)), KernelPanic);
}

}  // namespace
