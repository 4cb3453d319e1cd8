// DebugWriter (kernel/debug_writer.h) over a fake UART: background draining, drop counting with the gap marker,
// and the synchronous panic flush.
#include <gtest/gtest.h>

#include "fakes.h"
#include "kernel/debug_writer.h"

namespace {

using keel::DebugWriter;
using keel::ErrorCode;
using namespace keel_test;

class DebugWriterTest : public ::testing::Test {
 protected:
  DebugWriterTest() { uart.set_transmit_client(static_ref(writer)); }
  void write(std::string const& text) {
    writer.write(keel::Slice<char const>::from_raw_parts(text.data(), text.size()));
  }

  FakeUart uart;
  uint8_t ring_storage[DebugWriter::kBufferSize] = {};
  uint8_t transmit_storage[16] = {};
  DebugWriter writer{static_ref(uart), static_buffer(ring_storage), static_buffer(transmit_storage)};
};

// Text is copied into the ring in runs; a write that crosses the ring's end continues at its start, and the UART
// still gets every byte in order.
TEST_F(DebugWriterTest, TextThatWrapsRoundTheRingComesOutInOrder) {
  std::string expected;
  for (int round = 0; round < 5; ++round) {
    std::string text;
    for (int i = 0; i < 700; ++i) { text.push_back(static_cast<char>('a' + (round * 7 + i) % 26)); }
    write(text);
    expected += text;
    EXPECT_EQ(uart.drain(), text) << "round " << round;
  }
  EXPECT_EQ(writer.buffered(), 0U);
}

TEST_F(DebugWriterTest, WriteStartsSendingAtOnceAndTheRestFollowsInTheBackground) {
  writer.str("booting keel, ").dec(3).str(" apps found\n");
  EXPECT_TRUE(uart.transmitting()) << "the first chunk left during the write";
  EXPECT_EQ(uart.transmissions[0], "booting keel, ");
  EXPECT_EQ(uart.drain(), "booting keel, 3 apps found\n");
  EXPECT_EQ(writer.buffered(), 0U);
}

TEST_F(DebugWriterTest, TextLongerThanTheTransmitBufferGoesOutWholeAndInOrder) {
  std::string text;
  for (int i = 0; i < 100; ++i) { text += "line " + std::to_string(i) + "\n"; }
  write(text);
  uart.drain();
  EXPECT_EQ(uart.everything_sent(), text);
}

TEST_F(DebugWriterTest, FullBufferDropsAndCountsThenMarksTheGapWhenRoomReturns) {
  std::string const fill(DebugWriter::kBufferSize, 'x');
  write(fill);
  write("lost");     // 4 bytes: no room
  write("lost too");  // still no room for the marker: dropped and counted as well
  EXPECT_EQ(writer.buffered(), DebugWriter::kBufferSize);
  uart.complete_transmit();  // 16 bytes leave: not yet room for the 18-byte marker
  write("also lost");
  uart.complete_transmit();  // 32 bytes free: the marker goes in
  write("after\n");
  uart.drain();
  EXPECT_EQ(uart.everything_sent(), fill + "[21 bytes dropped]" + "after\n");
}

TEST_F(DebugWriterTest, TextThatOnlyPartlyFitsKeepsTheFrontAndCountsTheRest) {
  write(std::string(DebugWriter::kBufferSize - 3, 'y'));
  write("abcdef");
  uart.drain();
  EXPECT_EQ(uart.everything_sent(), std::string(DebugWriter::kBufferSize - 3, 'y') + "abc[3 bytes dropped]");
}

TEST_F(DebugWriterTest, UartRefusingKeepsTheBytesForTheNextWrite) {
  uart.refuse_transmit = ErrorCode::Busy;
  write("first ");
  EXPECT_FALSE(uart.transmitting());
  uart.refuse_transmit.reset();
  write("second\n");
  uart.drain();
  EXPECT_EQ(uart.everything_sent(), "first second\n");
}

TEST_F(DebugWriterTest, FlushPolledWritesEverythingStillBufferedIncludingTheChunkInFlight) {
  write("panicked at kernel/foo.cpp:12\nregisters ...\n");
  RecordingPanicWriter panic_writer;
  writer.flush_polled(panic_writer);
  EXPECT_EQ(panic_writer.output, "panicked at kernel/foo.cpp:12\nregisters ...\n");
  EXPECT_EQ(writer.buffered(), 0U);
}

TEST_F(DebugWriterTest, FlushPolledEndsWithTheDropMarker) {
  write(std::string(DebugWriter::kBufferSize, 'z'));
  write("0123456789");
  RecordingPanicWriter panic_writer;
  writer.flush_polled(panic_writer);
  EXPECT_EQ(panic_writer.output, std::string(DebugWriter::kBufferSize, 'z') + "[10 bytes dropped]");
}

}  // namespace
