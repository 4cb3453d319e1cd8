// Console (driver 0x1) against real processes over a fake UART: writes in chunks without interleaving, round robin
// between writers, reads, aborts through the deferred path, and processes that end mid-operation.
#include <gtest/gtest.h>

#include "capsule_fixture.h"
#include "capsules/console.h"
#include "capsules/virtual_uart.h"
#include "kernel/debug_writer.h"

namespace {

using keel::ErrorCode;
using keel::capsules::Console;
using namespace keel_test;

constexpr uint32_t kDriver = Console::kDriverNumber;
constexpr uint32_t kWriteDone = Console::Upcall::kWriteDone;
constexpr uint32_t kReadDone = Console::Upcall::kReadDone;
constexpr uint32_t kRxOffset = 0x400;  // process buffer for reads, clear of the write data

class ConsoleTest : public CapsuleTest {
 protected:
  void start(size_t processes) {
    platform.drivers[kDriver] = &console;
    uart.set_transmit_client(static_ref(console));
    uart.set_receive_client(static_ref(console));
    load_processes(processes);
    for (size_t i = 0; i < processes; ++i) {
      subscribe(i, kDriver, kWriteDone);
      subscribe(i, kDriver, kReadDone);
    }
  }
  /// Allows `text` and starts writing all of it.
  std::array<uint32_t, 4> write(size_t i, std::string const& text) {
    allow_readonly(i, kDriver, 1, text);
    return command(i, kDriver, 1, static_cast<uint32_t>(text.size()));
  }
  uint32_t write_done(size_t i) {
    auto const upcall = take_upcall(i, kDriver, kWriteDone);
    EXPECT_TRUE(upcall) << "no WRITE_DONE for process " << i;
    return upcall ? (*upcall)[0] : 0xFFFFFFFFU;
  }

  FakeUart uart;
  uint8_t transmit_storage[8] = {};
  uint8_t receive_storage[8] = {};
  Console console{kernel, static_ref(uart), static_buffer(transmit_storage), static_buffer(receive_storage)};
};

TEST_F(ConsoleTest, WriteLongerThanTheTransmitBufferGoesOutInChunksThenWriteDone) {
  start(1);
  EXPECT_EQ(write(0, "hello, world")[0], kSuccess);
  EXPECT_FALSE(take_upcall(0, kDriver, kWriteDone)) << "not done yet";
  EXPECT_EQ(uart.drain(), "hello, world");
  EXPECT_EQ(uart.transmissions.size(), 2U) << "8 + 4 bytes";
  auto const upcall = take_upcall(0, kDriver, kWriteDone);
  ASSERT_TRUE(upcall);
  EXPECT_EQ((*upcall)[0], 12U) << "bytes_written";
  EXPECT_EQ((*upcall)[1], 0U);
  EXPECT_EQ((*upcall)[2], 0U);
}

TEST_F(ConsoleTest, WriteLengthIsTheSmallerOfCommandAndAllowedBuffer) {
  start(1);
  allow_readonly(0, kDriver, 1, "abcde");
  EXPECT_EQ(command(0, kDriver, 1, 100)[0], kSuccess);
  EXPECT_EQ(uart.drain(), "abcde");
  EXPECT_EQ(write_done(0), 5U);
  EXPECT_EQ(command(0, kDriver, 1, 2)[0], kSuccess);
  EXPECT_EQ(uart.drain(), "ab");
  EXPECT_EQ(write_done(0), 2U);
}

TEST_F(ConsoleTest, WriteOfNothingCompletesAtOnceWithZeroBytes) {
  start(1);
  EXPECT_EQ(command(0, kDriver, 1, 10)[0], kSuccess) << "no buffer allowed: nothing to write";
  EXPECT_FALSE(uart.transmitting());
  EXPECT_EQ(write_done(0), 0U);
}

TEST_F(ConsoleTest, SecondWriteBeforeTheFirstFinishedIsBusy) {
  start(1);
  EXPECT_EQ(write(0, "0123456789")[0], kSuccess);
  auto const r = command(0, kDriver, 1, 4);
  EXPECT_EQ(r[0], kFailure);
  EXPECT_EQ(r[1], keel::to_number(ErrorCode::Busy));
  EXPECT_EQ(uart.drain(), "0123456789");
  EXPECT_EQ(write_done(0), 10U);
  EXPECT_EQ(command(0, kDriver, 1, 4)[0], kSuccess) << "free again";
}

TEST_F(ConsoleTest, TwoProcessesWritesLongerThanTheBufferDoNotInterleave) {
  start(2);
  std::string const first(21, 'A');
  std::string const second(19, 'B');
  EXPECT_EQ(write(0, first)[0], kSuccess);
  EXPECT_EQ(write(1, second)[0], kSuccess);
  EXPECT_EQ(uart.drain(), first + second);
  for (std::string const& chunk : uart.transmissions) {
    EXPECT_EQ(chunk.find_first_not_of(chunk[0]), std::string::npos) << "a chunk mixes processes: " << chunk;
  }
  EXPECT_EQ(write_done(0), 21U);
  EXPECT_EQ(write_done(1), 19U);
}

TEST_F(ConsoleTest, WaitingWritersAreServedRoundRobinInTableOrder) {
  start(3);
  EXPECT_EQ(write(1, "1111111111")[0], kSuccess);  // starts at once
  EXPECT_EQ(write(0, "0000")[0], kSuccess);
  EXPECT_EQ(write(2, "2222")[0], kSuccess);
  uart.complete_transmit();  // first chunk of process 1
  uart.complete_transmit();  // its end: the next after 1 in table order is 2, then 0 (wrapping)
  EXPECT_EQ(write_done(1), 10U);
  EXPECT_EQ(write(1, "11")[0], kSuccess) << "process 1 writes again at once, and queues behind the others";
  EXPECT_EQ(uart.drain(), "2222000011");
  EXPECT_EQ(uart.everything_sent(), "11111111112222000011");
}

TEST_F(ConsoleTest, ProcessThatEndsMidWriteIsSkippedCleanly) {
  start(2);
  EXPECT_EQ(write(0, std::string(20, 'A'))[0], kSuccess);
  EXPECT_EQ(write(1, "BBBBBBBBBB")[0], kSuccess);
  terminate(0);
  EXPECT_EQ(uart.drain(), "AAAAAAAA" "BBBBBBBBBB") << "after the chunk in flight, nothing of process 0";
  EXPECT_EQ(write_done(1), 10U);
}

TEST_F(ConsoleTest, ShrinkingTheBufferMidWriteEndsTheWriteWithWhatWentOut) {
  start(1);
  EXPECT_EQ(write(0, std::string(20, 'x'))[0], kSuccess);
  allow_readonly(0, kDriver, 1, "yy");  // shorter than what was already sent
  EXPECT_EQ(uart.drain(), std::string(8, 'x'));
  EXPECT_EQ(write_done(0), 8U);
}

TEST_F(ConsoleTest, UartFailingMidWriteEndsItWithTheBytesThatWentOutAndServesTheNext) {
  start(2);
  EXPECT_EQ(write(0, std::string(20, 'A'))[0], kSuccess);
  EXPECT_EQ(write(1, "BB")[0], kSuccess);
  uart.complete_transmit(keel::Error(ErrorCode::Fail), 5);
  EXPECT_EQ(write_done(0), 5U);
  EXPECT_EQ(uart.drain(), "BB");
  EXPECT_EQ(write_done(1), 2U);
}

TEST_F(ConsoleTest, ReadDeliversBytesIntoTheProcessBufferAndReadDone) {
  start(1);
  allow_readwrite(0, kDriver, 1, 16, kRxOffset);
  EXPECT_EQ(command(0, kDriver, 2, 4)[0], kSuccess);
  EXPECT_EQ(uart.receive_length(), 4U);
  uart.receive_bytes("abcd");
  auto const upcall = take_upcall(0, kDriver, kReadDone);
  ASSERT_TRUE(upcall);
  EXPECT_EQ((*upcall)[0], 0U) << "status";
  EXPECT_EQ((*upcall)[1], 4U) << "bytes_read";
  EXPECT_EQ(get_bytes(buffer_address(0, kRxOffset), 5), std::string("abcd\0", 5));
}

TEST_F(ConsoleTest, AProcessThatReadsClaimsTheInputUntilItEnds) {
  start(2);
  EXPECT_FALSE(console.claims_input()) << "nobody has read";
  command(1, kDriver, 1, 0);  // a write does not claim the input
  EXPECT_FALSE(console.claims_input());
  allow_readwrite(0, kDriver, 1, 16, kRxOffset);
  EXPECT_EQ(command(0, kDriver, 2, 1)[0], kSuccess);
  uart.receive_bytes("a");
  EXPECT_TRUE(console.claims_input()) << "between its reads too";
  terminate(0);
  EXPECT_FALSE(console.claims_input()) << "its claim ends with it";
}

TEST_F(ConsoleTest, ReadThenAbortEndsWithCancelThroughTheDeferredPath) {
  start(1);
  allow_readwrite(0, kDriver, 1, 8, kRxOffset);
  EXPECT_EQ(command(0, kDriver, 2, 6)[0], kSuccess);
  uart.receive_bytes("ok");
  EXPECT_EQ(command(0, kDriver, 3)[0], kSuccess);
  EXPECT_FALSE(take_upcall(0, kDriver, kReadDone)) << "CANCEL comes later, not inside the command";
  keel::DeferredCall::service_pending();
  auto const upcall = take_upcall(0, kDriver, kReadDone);
  ASSERT_TRUE(upcall);
  EXPECT_EQ((*upcall)[0], keel::to_number(ErrorCode::Cancel));
  EXPECT_EQ((*upcall)[1], 2U);
  EXPECT_EQ(get_bytes(buffer_address(0, kRxOffset), 2), "ok");
  EXPECT_EQ(command(0, kDriver, 2, 1)[0], kSuccess) << "the receive buffer came back";
}

TEST_F(ConsoleTest, AbortWithoutAReadIsSuccessAndTouchesNothing) {
  start(2);
  allow_readwrite(0, kDriver, 1, 8, kRxOffset);
  EXPECT_EQ(command(0, kDriver, 2, 4)[0], kSuccess);
  EXPECT_EQ(command(1, kDriver, 3)[0], kSuccess) << "another process cannot abort process 0's read";
  EXPECT_EQ(uart.aborts, 0);
  EXPECT_TRUE(uart.receiving());
}

TEST_F(ConsoleTest, ReadErrorsFollowTocksConsole) {
  start(2);
  auto r = command(0, kDriver, 2, 4);
  EXPECT_EQ(r[0], kFailure);
  EXPECT_EQ(r[1], keel::to_number(ErrorCode::Size)) << "no buffer allowed";
  allow_readwrite(0, kDriver, 1, 16, kRxOffset);
  r = command(0, kDriver, 2, 9);
  EXPECT_EQ(r[1], keel::to_number(ErrorCode::Inval)) << "more than the console's 8-byte receive buffer";
  EXPECT_EQ(command(0, kDriver, 2, 8)[0], kSuccess);
  r = command(0, kDriver, 2, 8);
  EXPECT_EQ(r[1], keel::to_number(ErrorCode::Busy)) << "this process's read is pending";
  allow_readwrite(1, kDriver, 1, 4, kRxOffset);
  r = command(1, kDriver, 2, 4);
  EXPECT_EQ(r[1], keel::to_number(ErrorCode::Busy)) << "one reader at a time";
  EXPECT_EQ(command(0, kDriver, 7)[1], keel::to_number(ErrorCode::NoSupport));
  EXPECT_EQ(command(0, kDriver, 0)[0], kSuccess);
}

TEST_F(ConsoleTest, ReadOfAProcessThatEndedIsAbortedForTheNextReader) {
  start(2);
  allow_readwrite(0, kDriver, 1, 8, kRxOffset);
  EXPECT_EQ(command(0, kDriver, 2, 4)[0], kSuccess);
  terminate(0);
  allow_readwrite(1, kDriver, 1, 8, kRxOffset);
  EXPECT_EQ(command(1, kDriver, 2, 4)[1], keel::to_number(ErrorCode::Busy));
  EXPECT_EQ(uart.aborts, 1);
  keel::DeferredCall::service_pending();
  EXPECT_EQ(command(1, kDriver, 2, 4)[0], kSuccess) << "the ended reader's receive is gone";
  uart.receive_bytes("data");
  auto const upcall = take_upcall(1, kDriver, kReadDone);
  ASSERT_TRUE(upcall);
  EXPECT_EQ((*upcall)[1], 4U);
}

TEST_F(ConsoleTest, ConsoleAndDebugWriterShareOneUartThroughTheMux) {
  FakeHardwareUart hardware;
  keel::capsules::MuxUart mux(static_ref(hardware));
  hardware.set_transmit_client(static_ref(mux));
  hardware.set_receive_client(static_ref(mux));
  keel::capsules::UartDevice console_device(static_ref(mux));
  keel::capsules::UartDevice debug_device(static_ref(mux));
  keel::capsules::UartDevice::setup(static_ref(console_device));
  keel::capsules::UartDevice::setup(static_ref(debug_device));
  uint8_t tx[8] = {};
  uint8_t rx[8] = {};
  Console shared(kernel, static_ref(console_device), static_buffer(tx), static_buffer(rx));
  console_device.set_transmit_client(static_ref(shared));
  console_device.set_receive_client(static_ref(shared));
  uint8_t debug_tx[4] = {};
  static uint8_t debug_ring[keel::DebugWriter::kBufferSize] = {};
  keel::DebugWriter debug(static_ref(debug_device), static_buffer(debug_ring), static_buffer(debug_tx));
  debug_device.set_transmit_client(static_ref(debug));
  platform.drivers[kDriver] = &shared;
  load_processes(1);
  subscribe(0, kDriver, kWriteDone);

  allow_readonly(0, kDriver, 1, "process line\n");
  EXPECT_EQ(command(0, kDriver, 1, 13)[0], kSuccess);
  debug.str("kernel line\n");
  hardware.drain();
  // The two users take turns chunk by chunk, but each one's text arrives whole and in order.
  EXPECT_EQ(hardware.transmissions, (std::vector<std::string>{"process ", "kern", "line\n", "el l", "ine\n"}));
  EXPECT_EQ(write_done(0), 13U);
}

}  // namespace
