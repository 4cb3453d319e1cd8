// The 16550 driver against a register block in ordinary memory: the test plays the UART by setting LSR and IIR
// before each interrupt. Every test shares one driver (each driver registers a DeferredCall in the kernel's fixed
// table for the whole test binary) and leaves it idle.
#include "chips/qemu-virt/uart_16550.h"

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
using keel_test::static_ref;
using keel_test::static_buffer;
using keel::chips::qemu_virt::Uart16550;
using keel::chips::qemu_virt::Uart16550Registers;

constexpr std::size_t kData = 0;
constexpr std::size_t kIer = 1;
constexpr std::size_t kIirFcr = 2;
constexpr std::size_t kLcr = 3;
constexpr std::size_t kMcr = 4;
constexpr std::size_t kLsr = 5;

constexpr uint8_t kLsrDataReady = 0x01;
constexpr uint8_t kLsrTransmitEmpty = 0x60;  // THRE and TEMT
constexpr uint8_t kIerReceive = 0x05;        // received data + line status
constexpr uint8_t kIerTransmit = 0x02;
// IIR values with the FIFO-enabled bits (7:6) set, as a 16550A in FIFO mode reports them.
constexpr uint8_t kIirNone = 0xC1;
constexpr uint8_t kIirTransmitterEmpty = 0xC2;
constexpr uint8_t kIirReceivedData = 0xC4;
constexpr uint8_t kIirCharacterTimeout = 0xCC;

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
  Harness() { Uart16550::initialize(static_ref(uart)); }
  Uart16550Registers registers{};
  Uart16550 uart{static_ref(registers)};
  TransmitClient transmit_client;
  ReceiveClient receive_client;
};

Harness& harness() {
  static Harness instance;
  return instance;
}

class Uart16550Test : public ::testing::Test {
 protected:
  void SetUp() override {
    keel::DeferredCall::service_pending();
    std::memset(&registers, 0, sizeof registers);
    transmit_client.completions.clear();
    receive_client.completions.clear();
    uart.set_transmit_client(static_ref(transmit_client));
    uart.set_receive_client(static_ref(receive_client));
  }

  void interrupt(uint8_t iir) {
    keel_test::poke8(registers, kIirFcr, iir);
    uart.handle_interrupt();
  }
  uint8_t last_written() const { return keel_test::peek8(registers, kData); }
  uint8_t interrupt_enable() const { return keel_test::peek8(registers, kIer); }
  void set_line_status(uint8_t lsr) { keel_test::poke8(registers, kLsr, lsr); }
  void set_received_byte(uint8_t byte) { keel_test::poke8(registers, kData, byte); }

  Uart16550Registers& registers = harness().registers;
  Uart16550 const& uart = harness().uart;
  TransmitClient& transmit_client = harness().transmit_client;
  ReceiveClient& receive_client = harness().receive_client;
};

uint8_t counting_bytes[40];

StaticBuffer<uint8_t> fresh_counting_bytes() {
  for (std::size_t i = 0; i < sizeof counting_bytes; ++i) { counting_bytes[i] = static_cast<uint8_t>(0x40 + i); }
  return static_buffer(counting_bytes);
}

TEST_F(Uart16550Test, InitializeSelectsEightNoneOneWithFifos) {
  keel::chips::qemu_virt::Uart16550::initialize(static_ref(uart));
  EXPECT_EQ(keel_test::peek8(registers, kLcr), 0x03) << "8 data bits, no parity, 1 stop bit, DLAB clear";
  EXPECT_EQ(last_written(), 2) << "divisor 3.6864 MHz / (16 * 115200) went to DLL";
  EXPECT_EQ(interrupt_enable(), 0) << "DLM = 0, and no interrupt enabled afterwards";
  EXPECT_EQ(keel_test::peek8(registers, kIirFcr), 0x07) << "FIFOs on and reset, 1-byte receive trigger";
  EXPECT_EQ(keel_test::peek8(registers, kMcr), 0x0B) << "DTR, RTS, OUT2";
}

TEST_F(Uart16550Test, TransmitFillsTheFifoWhileItReportsEmptyAndCompletesFromTheInterrupt) {
  // THRE stays set here after every write, as on a UART that sends at once (QEMU's): each chunk of 16 finds the
  // FIFO empty again, so the whole buffer goes out in the call (a real UART clears THRE after the first chunk,
  // TransmitWritesNothingWhileTheFifoIsBusy).
  set_line_status(kLsrTransmitEmpty);

  ASSERT_TRUE(uart.transmit_buffer(fresh_counting_bytes(), 40).is_ok());
  EXPECT_EQ(last_written(), counting_bytes[39]) << "chunk after chunk while THRE says the FIFO is empty";
  EXPECT_EQ(interrupt_enable() & kIerTransmit, kIerTransmit);
  EXPECT_TRUE(transmit_client.completions.empty()) << "never a callback from inside transmit_buffer";

  interrupt(kIirTransmitterEmpty);
  ASSERT_EQ(transmit_client.completions.size(), 1U);
  Completion const& done = transmit_client.completions[0];
  EXPECT_TRUE(done.ok);
  EXPECT_EQ(done.length, 40U);
  EXPECT_EQ(done.buffer, counting_bytes) << "the client gets its own buffer back";
  EXPECT_EQ(interrupt_enable() & kIerTransmit, 0) << "THR-empty interrupt masked when idle";

  interrupt(kIirTransmitterEmpty);
  EXPECT_EQ(transmit_client.completions.size(), 1U) << "a stray THR-empty interrupt completes nothing";
}

TEST_F(Uart16550Test, TransmitWritesNothingWhileTheFifoIsBusy) {
  set_line_status(0);
  ASSERT_TRUE(uart.transmit_buffer(fresh_counting_bytes(), 3).is_ok());
  EXPECT_EQ(last_written(), 0) << "THRE clear: the FIFO is not empty yet";
  interrupt(kIirTransmitterEmpty);
  EXPECT_EQ(last_written(), 0);

  set_line_status(kLsrTransmitEmpty);
  interrupt(kIirTransmitterEmpty);
  EXPECT_EQ(last_written(), counting_bytes[2]);
  EXPECT_TRUE(transmit_client.completions.empty());
  interrupt(kIirTransmitterEmpty);
  ASSERT_EQ(transmit_client.completions.size(), 1U);
  EXPECT_EQ(transmit_client.completions[0].length, 3U);
}

TEST_F(Uart16550Test, TransmitRejectsBadLengthsAndASecondBuffer) {
  set_line_status(kLsrTransmitEmpty);
  keel::BufferResult<uint8_t> empty = uart.transmit_buffer(fresh_counting_bytes(), 0);
  ASSERT_TRUE(empty.is_error());
  EXPECT_EQ(empty.error(), ErrorCode::Size);
  keel::BufferResult<uint8_t> too_long = uart.transmit_buffer(empty.take_buffer(), 41);
  ASSERT_TRUE(too_long.is_error());
  EXPECT_EQ(too_long.error(), ErrorCode::Size);
  StaticBuffer<uint8_t> back = too_long.take_buffer();
  EXPECT_TRUE(back.slice().starts_at(counting_bytes[0])) << "a refused buffer comes back whole";
  EXPECT_EQ(back.size(), sizeof counting_bytes);

  ASSERT_TRUE(uart.transmit_buffer(std::move(back), 1).is_ok());
  static uint8_t other[4];
  keel::BufferResult<uint8_t> second = uart.transmit_buffer(static_buffer(other), 1);
  ASSERT_TRUE(second.is_error());
  EXPECT_EQ(second.error(), ErrorCode::Busy);
  StaticBuffer<uint8_t> const second_back = second.take_buffer();
  EXPECT_TRUE(second_back.slice().starts_at(other[0])) << "the busy UART keeps its own buffer, returns the new one";

  interrupt(kIirTransmitterEmpty);
  ASSERT_EQ(transmit_client.completions.size(), 1U) << "only the accepted buffer completes";
  EXPECT_EQ(transmit_client.completions[0].length, 1U);
}

TEST_F(Uart16550Test, ReceiveReadsAtMostAFifoPerInterruptUntilTheRequestedLength) {
  static uint8_t buffer[32];
  ASSERT_TRUE(uart.receive_buffer(static_buffer(buffer), 20).is_ok());
  EXPECT_EQ(interrupt_enable() & kIerReceive, kIerReceive);

  set_line_status(kLsrDataReady);
  set_received_byte('a');
  interrupt(kIirReceivedData);
  EXPECT_TRUE(receive_client.completions.empty()) << "16 of 20 bytes so far";
  set_received_byte('b');
  interrupt(kIirCharacterTimeout);
  ASSERT_EQ(receive_client.completions.size(), 1U);
  Completion const& done = receive_client.completions[0];
  EXPECT_TRUE(done.ok);
  EXPECT_EQ(done.length, 20U);
  EXPECT_EQ(std::count(done.bytes.begin(), done.bytes.begin() + 16, 'a'), 16);
  EXPECT_EQ(std::count(done.bytes.begin() + 16, done.bytes.end(), 'b'), 4);
  EXPECT_EQ(interrupt_enable() & kIerReceive, 0) << "receive interrupts masked when idle";
}

TEST_F(Uart16550Test, ReceiveAbortReportsCancelOnlyFromTheDeferredCall) {
  static uint8_t buffer[32];
  ASSERT_TRUE(uart.receive_buffer(static_buffer(buffer), 20).is_ok());
  set_line_status(kLsrDataReady);
  set_received_byte('z');
  interrupt(kIirReceivedData);

  Result<void> const abort = uart.receive_abort();
  ASSERT_TRUE(abort.is_error());
  EXPECT_EQ(abort.error(), ErrorCode::Busy) << "Busy: a callback with Cancel follows";
  EXPECT_TRUE(receive_client.completions.empty()) << "never a callback from inside receive_abort";
  EXPECT_EQ(interrupt_enable() & kIerReceive, 0);
  Result<void> const again = uart.receive_abort();
  ASSERT_TRUE(again.is_error());
  EXPECT_EQ(again.error(), ErrorCode::Busy);
  static uint8_t other[4];
  Result<void> const receive = uart.receive_buffer(static_buffer(other), 4).status();
  ASSERT_TRUE(receive.is_error());
  EXPECT_EQ(receive.error(), ErrorCode::Busy) << "the aborted buffer is not back yet";

  interrupt(kIirReceivedData);
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

TEST_F(Uart16550Test, DataWithoutAReceiveStaysInTheFifo) {
  keel_test::poke8(registers, kIer, kIerReceive);
  set_line_status(kLsrDataReady);
  interrupt(kIirReceivedData);
  EXPECT_EQ(interrupt_enable() & kIerReceive, 0) << "masked until a receive starts";
  EXPECT_TRUE(receive_client.completions.empty());
}

TEST_F(Uart16550Test, NoPendingInterruptChangesNothing) {
  keel_test::poke8(registers, kIer, kIerTransmit);
  set_line_status(kLsrTransmitEmpty);
  interrupt(kIirNone);
  EXPECT_EQ(interrupt_enable(), kIerTransmit);
  EXPECT_EQ(last_written(), 0);
}

TEST_F(Uart16550Test, PanicWriterWritesEveryByteWhenTheFifoIsEmpty) {
  static uint8_t const text[] = {'p', 'a', 'n', 'i', 'c'};
  set_line_status(kLsrTransmitEmpty);
  uart.write_polled(Slice<uint8_t const>(text));
  EXPECT_EQ(last_written(), 'c');
}

}  // namespace
