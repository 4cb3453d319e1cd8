// The CMSDK APB UART driver against a register block in ordinary memory: the test plays the UART by setting STATE
// and INTSTATUS before each interrupt. Memory does not clear on read or on a write of 1, so a test sees what the
// driver wrote last. Every test shares one driver (each driver registers a DeferredCall in the kernel's fixed
// table for the whole test binary) and leaves it idle.
#include "chips/mps2-an386/cmsdk_uart.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <vector>

#include "fake_registers.h"
#include "kernel/deferred_call.h"

namespace {

using keel::ErrorCode;
using keel::Result;
using keel::Slice;
using keel::StaticBuffer;
using keel::chips::mps2_an386::CmsdkUart;
using keel::chips::mps2_an386::CmsdkUartRegisters;
using keel_test::static_buffer;
using keel_test::static_ref;

constexpr std::size_t kData = 0x00;
constexpr std::size_t kState = 0x04;
constexpr std::size_t kCtrl = 0x08;
constexpr std::size_t kInterrupt = 0x0C;
constexpr std::size_t kBauddiv = 0x10;

constexpr uint32_t kStateTxFull = 0x1;
constexpr uint32_t kStateRxFull = 0x2;
constexpr uint32_t kStateRxOverrun = 0x8;
constexpr uint32_t kCtrlTxEnable = 0x1;
constexpr uint32_t kCtrlRxEnable = 0x2;
constexpr uint32_t kCtrlTxInterrupt = 0x4;
constexpr uint32_t kCtrlRxInterrupt = 0x8;
constexpr uint32_t kInterruptTx = 0x1;
constexpr uint32_t kInterruptRx = 0x2;

struct Completion {
  std::vector<uint8_t> bytes;
  std::size_t length;
  bool ok;
  ErrorCode error;
  uint8_t const* buffer;
};

Completion record(StaticBuffer<uint8_t> const& buffer, std::size_t length, Result<void> status) {
  std::vector<uint8_t> bytes;
  for (uint8_t b : buffer.slice().first(length)) { bytes.push_back(b); }
  return Completion{bytes, length, status.is_ok(), status.is_ok() ? ErrorCode::Fail : status.error(),
                    reinterpret_cast<uint8_t const*>(buffer.slice().address())};
}

struct TransmitClient final : keel::hil::uart::HardwareTransmitClient {
  void transmitted_buffer(StaticBuffer<uint8_t>&& buffer, std::size_t length, Result<void> status) const override {
    completions.push_back(record(buffer, length, status));
  }
  mutable std::vector<Completion> completions;
};

struct ReceiveClient final : keel::hil::uart::HardwareReceiveClient {
  void received_buffer(StaticBuffer<uint8_t>&& buffer, std::size_t length, Result<void> status) const override {
    completions.push_back(record(buffer, length, status));
  }
  mutable std::vector<Completion> completions;
};

struct Harness {
  // Initialised as the board does, which also binds the driver's deferred call.
  Harness() { CmsdkUart::initialize(static_ref(uart)); }
  CmsdkUartRegisters registers{};
  CmsdkUart uart{static_ref(registers)};
  TransmitClient transmit_client;
  ReceiveClient receive_client;
};

Harness& harness() {
  static Harness instance;
  return instance;
}

class CmsdkUartTest : public ::testing::Test {
 protected:
  void SetUp() override {
    keel::DeferredCall::service_pending();
    std::memset(&registers, 0, sizeof registers);
    poke(kCtrl, kCtrlTxEnable | kCtrlRxEnable);
    transmit_client.completions.clear();
    receive_client.completions.clear();
    uart.set_transmit_client(static_ref(transmit_client));
    uart.set_receive_client(static_ref(receive_client));
  }

  void poke(std::size_t offset, uint32_t value) { keel_test::poke32(registers, offset, value); }
  uint32_t peek(std::size_t offset) const { return keel_test::peek32(registers, offset); }
  void interrupt(uint32_t latched) {
    poke(kInterrupt, latched);
    uart.handle_interrupt();
  }
  uint32_t last_written() const { return peek(kData); }
  uint32_t control() const { return peek(kCtrl); }
  void set_state(uint32_t state) { poke(kState, state); }
  void set_received_byte(uint8_t byte) { poke(kData, byte); }

  CmsdkUartRegisters& registers = harness().registers;
  CmsdkUart const& uart = harness().uart;
  TransmitClient& transmit_client = harness().transmit_client;
  ReceiveClient& receive_client = harness().receive_client;
};

uint8_t counting_bytes[40];

StaticBuffer<uint8_t> fresh_counting_bytes() {
  for (std::size_t i = 0; i < sizeof counting_bytes; ++i) { counting_bytes[i] = static_cast<uint8_t>(0x40 + i); }
  return static_buffer(counting_bytes);
}

TEST_F(CmsdkUartTest, InitializeProgramsTheDivisorClearsLatchesAndEnablesBothDirections) {
  poke(kCtrl, 0x7F);
  CmsdkUart::initialize(static_ref(uart));
  EXPECT_EQ(peek(kBauddiv), 217U) << "25 MHz / 115200";
  EXPECT_EQ(control(), kCtrlTxEnable | kCtrlRxEnable) << "TX and RX on, every interrupt masked";
  EXPECT_EQ(peek(kInterrupt), 0xFU) << "a 1 written to each latch clears it";
  EXPECT_EQ(peek(kState), 0xCU) << "both overrun bits written 1 (cleared), the read-only full bits 0";
}

TEST_F(CmsdkUartTest, TransmitWritesAChunkPerInterruptAndCompletesOnceTheLastByteHasLeft) {
  set_state(0);
  ASSERT_TRUE(uart.transmit_buffer(fresh_counting_bytes(), 40).is_ok());
  EXPECT_EQ(last_written(), counting_bytes[15]) << "the first 16 bytes went out while the buffer had room";
  EXPECT_EQ(control() & kCtrlTxInterrupt, kCtrlTxInterrupt);
  EXPECT_EQ(control() & (kCtrlTxEnable | kCtrlRxEnable), kCtrlTxEnable | kCtrlRxEnable) << "modify, not write";
  EXPECT_TRUE(transmit_client.completions.empty()) << "never a callback from inside transmit_buffer";

  interrupt(kInterruptTx);
  EXPECT_EQ(last_written(), counting_bytes[31]);
  interrupt(kInterruptTx);
  EXPECT_EQ(last_written(), counting_bytes[39]) << "the last chunk is 8 bytes";
  EXPECT_TRUE(transmit_client.completions.empty()) << "the last byte has not left yet";

  interrupt(kInterruptTx);
  ASSERT_EQ(transmit_client.completions.size(), 1U);
  Completion const& done = transmit_client.completions[0];
  EXPECT_TRUE(done.ok);
  EXPECT_EQ(done.length, 40U);
  EXPECT_EQ(done.buffer, counting_bytes) << "the client gets its own buffer back";
  EXPECT_EQ(control() & kCtrlTxInterrupt, 0U) << "TX interrupt masked when idle";

  interrupt(kInterruptTx);
  EXPECT_EQ(transmit_client.completions.size(), 1U) << "a stray TX interrupt completes nothing";
}

TEST_F(CmsdkUartTest, TransmitWaitsWhileTheTransmitBufferIsFull) {
  // A byte (say from the panic writer) still waits: nothing may be written, but the TX latch must be armed so
  // that its leaving raises the interrupt.
  set_state(kStateTxFull);
  ASSERT_TRUE(uart.transmit_buffer(fresh_counting_bytes(), 3).is_ok());
  EXPECT_EQ(last_written(), 0U);
  EXPECT_EQ(control() & kCtrlTxInterrupt, kCtrlTxInterrupt);
  interrupt(kInterruptTx);
  EXPECT_EQ(last_written(), 0U) << "still full";

  set_state(0);
  interrupt(kInterruptTx);
  EXPECT_EQ(last_written(), counting_bytes[2]);
  EXPECT_TRUE(transmit_client.completions.empty());
  interrupt(kInterruptTx);
  ASSERT_EQ(transmit_client.completions.size(), 1U);
  EXPECT_EQ(transmit_client.completions[0].length, 3U);
}

TEST_F(CmsdkUartTest, TransmitDoesNotCompleteWhileTheLastByteIsStillInTheBuffer) {
  set_state(0);
  ASSERT_TRUE(uart.transmit_buffer(fresh_counting_bytes(), 1).is_ok());
  EXPECT_EQ(last_written(), counting_bytes[0]);
  set_state(kStateTxFull);
  interrupt(kInterruptTx);
  EXPECT_TRUE(transmit_client.completions.empty()) << "a latch from an earlier byte; the last one has not left";
  EXPECT_EQ(control() & kCtrlTxInterrupt, kCtrlTxInterrupt) << "still waiting for it to leave";
  set_state(0);
  interrupt(kInterruptTx);
  ASSERT_EQ(transmit_client.completions.size(), 1U);
  EXPECT_EQ(transmit_client.completions[0].length, 1U);
}

TEST_F(CmsdkUartTest, TransmitRejectsBadLengthsAndASecondBuffer) {
  set_state(0);
  keel::BufferResult<uint8_t> empty = uart.transmit_buffer(fresh_counting_bytes(), 0);
  ASSERT_TRUE(empty.is_error());
  EXPECT_EQ(empty.error(), ErrorCode::Size);
  keel::BufferResult<uint8_t> too_long = uart.transmit_buffer(empty.take_buffer(), 41);
  ASSERT_TRUE(too_long.is_error());
  EXPECT_EQ(too_long.error(), ErrorCode::Size);
  StaticBuffer<uint8_t> back = too_long.take_buffer();
  EXPECT_TRUE(back.slice().starts_at(counting_bytes[0])) << "a refused buffer comes back whole";
  EXPECT_EQ(back.size(), sizeof counting_bytes);
  EXPECT_EQ(last_written(), 0U) << "a refused transmit writes nothing";
  EXPECT_EQ(control() & kCtrlTxInterrupt, 0U);

  ASSERT_TRUE(uart.transmit_buffer(std::move(back), 1).is_ok());
  static uint8_t other[4];
  keel::BufferResult<uint8_t> second = uart.transmit_buffer(static_buffer(other), 1);
  ASSERT_TRUE(second.is_error());
  EXPECT_EQ(second.error(), ErrorCode::Busy);
  StaticBuffer<uint8_t> const second_back = second.take_buffer();
  EXPECT_TRUE(second_back.slice().starts_at(other[0])) << "the busy UART keeps its own buffer, returns the new one";

  interrupt(kInterruptTx);
  ASSERT_EQ(transmit_client.completions.size(), 1U) << "only the accepted buffer completes";
  EXPECT_EQ(transmit_client.completions[0].length, 1U);
}

TEST_F(CmsdkUartTest, ReceiveReadsAtMostAChunkPerInterruptUntilTheRequestedLength) {
  static uint8_t buffer[32];
  set_state(0);
  ASSERT_TRUE(uart.receive_buffer(static_buffer(buffer), 20).is_ok());
  EXPECT_EQ(control() & kCtrlRxInterrupt, kCtrlRxInterrupt);
  EXPECT_FALSE(keel::DeferredCall::has_pending()) << "nothing was waiting";

  set_state(kStateRxFull);
  set_received_byte('a');
  interrupt(kInterruptRx);
  EXPECT_TRUE(receive_client.completions.empty()) << "16 of 20 bytes so far";
  set_received_byte('b');
  interrupt(kInterruptRx);
  ASSERT_EQ(receive_client.completions.size(), 1U);
  Completion const& done = receive_client.completions[0];
  EXPECT_TRUE(done.ok);
  EXPECT_EQ(done.length, 20U);
  EXPECT_EQ(std::count(done.bytes.begin(), done.bytes.begin() + 16, 'a'), 16);
  EXPECT_EQ(std::count(done.bytes.begin() + 16, done.bytes.end(), 'b'), 4);
  EXPECT_EQ(done.buffer, buffer);
  EXPECT_EQ(control() & kCtrlRxInterrupt, 0U) << "RX interrupt masked when idle";
}

TEST_F(CmsdkUartTest, ReceiveReadsNothingWhileNoByteIsWaiting) {
  static uint8_t buffer[4];
  set_state(0);
  ASSERT_TRUE(uart.receive_buffer(static_buffer(buffer), 2).is_ok());
  set_received_byte('x');
  interrupt(kInterruptRx);
  EXPECT_TRUE(receive_client.completions.empty()) << "rx_full clear: DATA holds no new byte";
  set_state(kStateRxFull);
  interrupt(kInterruptRx);
  ASSERT_EQ(receive_client.completions.size(), 1U);
  EXPECT_EQ(receive_client.completions[0].bytes, (std::vector<uint8_t>{'x', 'x'}));
}

// The RX latch records arrivals only while the RX interrupt is enabled, so a byte that came in between receives
// would otherwise wait forever.
TEST_F(CmsdkUartTest, AByteThatArrivedBeforeTheReceiveIsCollectedFromTheDeferredCall) {
  static uint8_t buffer[4];
  set_state(kStateRxFull);
  set_received_byte('q');
  ASSERT_TRUE(uart.receive_buffer(static_buffer(buffer), 1).is_ok());
  EXPECT_TRUE(receive_client.completions.empty()) << "never a callback from inside receive_buffer";
  ASSERT_TRUE(keel::DeferredCall::has_pending());
  keel::DeferredCall::service_pending();
  ASSERT_EQ(receive_client.completions.size(), 1U);
  EXPECT_TRUE(receive_client.completions[0].ok);
  EXPECT_EQ(receive_client.completions[0].bytes, (std::vector<uint8_t>{'q'}));
  EXPECT_EQ(control() & kCtrlRxInterrupt, 0U);
}

TEST_F(CmsdkUartTest, AnOverrunIsClearedWithoutTouchingTheFullBits) {
  static uint8_t buffer[4];
  set_state(0);
  ASSERT_TRUE(uart.receive_buffer(static_buffer(buffer), 1).is_ok());
  set_state(kStateRxFull | kStateRxOverrun);
  interrupt(kInterruptRx);
  // Memory keeps the driver's write: exactly the overrun bit written 1 (W1C), the read-only bits 0.
  EXPECT_EQ(peek(kState), kStateRxOverrun);
  EXPECT_TRUE(receive_client.completions.empty()) << "in memory the write also cleared rx_full: nothing read";
  set_state(kStateRxFull);
  interrupt(kInterruptRx);
  EXPECT_EQ(receive_client.completions.size(), 1U);
}

TEST_F(CmsdkUartTest, ReceiveAbortReportsCancelOnlyFromTheDeferredCall) {
  static uint8_t buffer[32];
  set_state(0);
  ASSERT_TRUE(uart.receive_buffer(static_buffer(buffer), 20).is_ok());
  set_state(kStateRxFull);
  set_received_byte('z');
  interrupt(kInterruptRx);

  Result<void> const abort = uart.receive_abort();
  ASSERT_TRUE(abort.is_error());
  EXPECT_EQ(abort.error(), ErrorCode::Busy) << "Busy: a callback with Cancel follows";
  EXPECT_TRUE(receive_client.completions.empty()) << "never a callback from inside receive_abort";
  EXPECT_EQ(control() & kCtrlRxInterrupt, 0U);
  Result<void> const again = uart.receive_abort();
  ASSERT_TRUE(again.is_error());
  EXPECT_EQ(again.error(), ErrorCode::Busy);
  static uint8_t other[4];
  Result<void> const receive = uart.receive_buffer(static_buffer(other), 4).status();
  ASSERT_TRUE(receive.is_error());
  EXPECT_EQ(receive.error(), ErrorCode::Busy) << "the aborted buffer is not back yet";

  interrupt(kInterruptRx);
  EXPECT_TRUE(receive_client.completions.empty()) << "an interrupt does not finish an aborted receive";

  ASSERT_TRUE(keel::DeferredCall::has_pending());
  keel::DeferredCall::service_pending();
  ASSERT_EQ(receive_client.completions.size(), 1U);
  Completion const& done = receive_client.completions[0];
  EXPECT_FALSE(done.ok);
  EXPECT_EQ(done.error, ErrorCode::Cancel);
  EXPECT_EQ(done.length, 16U) << "the bytes that did arrive";
  EXPECT_EQ(done.buffer, buffer);

  EXPECT_TRUE(uart.receive_abort().is_ok()) << "nothing in progress: success, no callback";
  keel::DeferredCall::service_pending();
  EXPECT_EQ(receive_client.completions.size(), 1U);
}

TEST_F(CmsdkUartTest, AnRxInterruptWithoutAReceiveMasksItAndCompletesNothing) {
  poke(kCtrl, kCtrlTxEnable | kCtrlRxEnable | kCtrlRxInterrupt);
  set_state(kStateRxFull);
  interrupt(kInterruptRx);
  EXPECT_EQ(control(), kCtrlTxEnable | kCtrlRxEnable) << "masked until a receive starts";
  EXPECT_TRUE(receive_client.completions.empty());
}

TEST_F(CmsdkUartTest, NoLatchedInterruptChangesNothing) {
  poke(kCtrl, kCtrlTxEnable | kCtrlRxEnable | kCtrlTxInterrupt);
  set_state(0);
  interrupt(0);
  EXPECT_EQ(control(), kCtrlTxEnable | kCtrlRxEnable | kCtrlTxInterrupt);
  EXPECT_EQ(last_written(), 0U);
}

TEST_F(CmsdkUartTest, PanicWriterWritesEveryByteAndTurnsTheTransmitterOn) {
  static uint8_t const text[] = {'p', 'a', 'n', 'i', 'c'};
  poke(kCtrl, 0);
  set_state(0);
  uart.write_polled(Slice<uint8_t const>(text));
  EXPECT_EQ(last_written(), 'c');
  EXPECT_EQ(control() & kCtrlTxEnable, kCtrlTxEnable);
}

}  // namespace
