// The CFI flash driver against a modelled Intel-command-set bank (fake_cfi_device.h): what the probe learns and
// refuses, reads, programs (1-to-0 only), erases, the argument checks, Busy, device errors reported as Fail, and
// that every callback comes from the deferred call. One driver for the whole suite (it holds a DeferredCall slot of
// the kernel's fixed table); each test re-initialises it on a freshly configured device.
#include "chips/qemu-virt/cfi_flash.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "fake_cfi_device.h"
#include "kernel/deferred_call.h"
#include "tests/host/static_ref.h"

namespace {

using keel::BufferResult;
using keel::ErrorCode;
using keel::Result;
using keel::StaticBuffer;
using keel::chips::qemu_virt::CfiFlash;
using keel_test::FakeCfiDevice;
using keel_test::static_buffer;
using keel_test::static_ref;

struct Completion {
  enum Kind { Read, Write, Erase } kind;
  std::vector<uint8_t> bytes;  // the buffer's first `length` bytes
  std::size_t length;
  bool ok;
  ErrorCode error;
};

struct RecordingClient final : keel::hil::flash::HardwareClient {
  void read_done(StaticBuffer<uint8_t>&& buffer, std::size_t length, Result<void> status) const override {
    record(Completion::Read, buffer, length, status);
  }
  void write_done(StaticBuffer<uint8_t>&& buffer, std::size_t length, Result<void> status) const override {
    record(Completion::Write, buffer, length, status);
  }
  void erase_done(Result<void> status) const override {
    done.push_back({Completion::Erase, {}, 0, status.is_ok(), status.is_ok() ? ErrorCode::Fail : status.error()});
  }
  void record(Completion::Kind kind, StaticBuffer<uint8_t> const& buffer, std::size_t length, Result<void> status) const {
    std::vector<uint8_t> bytes;
    for (std::size_t i = 0; i < length && i < buffer.size(); ++i) { bytes.push_back(buffer.slice()[i]); }
    done.push_back({kind, bytes, length, status.is_ok(), status.is_ok() ? ErrorCode::Fail : status.error()});
    buffers_back++;
  }
  mutable std::vector<Completion> done;
  mutable int buffers_back = 0;
};

struct Harness {
  FakeCfiDevice device;
  CfiFlash flash{static_ref<keel::chips::qemu_virt::CfiBus const>(device)};
  RecordingClient client;
};

Harness& harness() {
  static Harness instance;
  return instance;
}

uint8_t buffer_storage[64];

StaticBuffer<uint8_t> bytes(std::vector<uint8_t> const& contents) {
  std::memset(buffer_storage, 0, sizeof buffer_storage);
  if (!contents.empty()) { std::memcpy(buffer_storage, contents.data(), contents.size()); }
  return static_buffer(buffer_storage);
}

class CfiFlashTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(start(FakeCfiDevice::Config{}).is_ok()); }

  Result<void> start(FakeCfiDevice::Config config) {
    keel::DeferredCall::service_pending();
    device.configure(config);
    client.done.clear();
    client.buffers_back = 0;
    flash.set_client(static_ref<keel::hil::flash::HardwareClient const>(client));
    return CfiFlash::initialize(static_ref(flash));
  }
  void finish() { keel::DeferredCall::service_pending(); }

  FakeCfiDevice& device = harness().device;
  CfiFlash const& flash = harness().flash;
  RecordingClient& client = harness().client;
};

TEST_F(CfiFlashTest, ProbeLearnsTheVirtBanksGeometryFromTheQueryTable) {
  keel::hil::flash::Geometry const g = flash.geometry();
  EXPECT_EQ(g.size, 32U * 1024 * 1024) << "two 16 MiB chips side by side";
  EXPECT_EQ(g.sector_size, 256U * 1024) << "two 128 KiB blocks, one in each chip";
  EXPECT_EQ(g.write_unit, 4U);
  EXPECT_TRUE(flash.is_present());
  EXPECT_TRUE(device.in_read_array_mode()) << "the probe leaves query mode";
  EXPECT_EQ(device.split_commands, 0) << "every command went to both chips";
}

TEST_F(CfiFlashTest, ProbeOfASingleX32ChipSeesOneLane) {
  ASSERT_TRUE(start({.lanes = 1, .chip_size_log2 = 20, .blocks_per_chip = 16}).is_ok());
  EXPECT_EQ(flash.geometry().size, 1U << 20);
  EXPECT_EQ(flash.geometry().sector_size, 64U * 1024);
}

TEST_F(CfiFlashTest, ProbeRefusesWhatIsNotAnIntelCfiBankThatFits) {
  EXPECT_EQ(start({.answers_query = false}).error(), ErrorCode::NoDevice) << "no QRY: nothing there";
  EXPECT_FALSE(flash.is_present());
  EXPECT_EQ(flash.geometry().size, 0U);
  EXPECT_EQ(start({.command_set = 0x0002}).error(), ErrorCode::NoSupport) << "the AMD command set";
  EXPECT_EQ(start({.blocks_per_chip = 100}).error(), ErrorCode::NoSupport) << "blocks do not add up to the chip";
  EXPECT_EQ(start({.window_words = 1024}).error(), ErrorCode::NoSupport) << "the bank is larger than the window";
  EXPECT_EQ(device.out_of_window, 0);
}

TEST_F(CfiFlashTest, AnAbsentDriverAnswersNoDeviceAndKeepsTheBuffer) {
  ASSERT_TRUE(start({.answers_query = false}).is_error());
  BufferResult<uint8_t> result = flash.read(0, bytes({}), 4);
  EXPECT_EQ(result.error(), ErrorCode::NoDevice);
  EXPECT_EQ(result.take_buffer().size(), sizeof buffer_storage);
  EXPECT_EQ(flash.write(0, bytes({}), 4).error(), ErrorCode::NoDevice);
  EXPECT_EQ(flash.erase(0).error(), ErrorCode::NoDevice);
  finish();
  EXPECT_TRUE(client.done.empty());
}

TEST_F(CfiFlashTest, ReadGivesTheStoredBytesAtAnyOffsetFromTheDeferredCall) {
  device.set_stored_word(1, 0x44332211);
  device.set_stored_word(2, 0x88776655);
  ASSERT_TRUE(flash.read(5, bytes({}), 6).is_ok());
  EXPECT_TRUE(client.done.empty()) << "never a callback inside read";
  finish();
  ASSERT_EQ(client.done.size(), 1U);
  EXPECT_EQ(client.done[0].kind, Completion::Read);
  EXPECT_TRUE(client.done[0].ok);
  EXPECT_EQ(client.done[0].bytes, (std::vector<uint8_t>{0x22, 0x33, 0x44, 0x55, 0x66, 0x77}));
}

TEST_F(CfiFlashTest, ReadOfTheLastBytesWorksAndPastTheEndIsInvalid) {
  uint32_t const size = flash.geometry().size;
  device.storage[size - 1] = 0x5a;
  ASSERT_TRUE(flash.read(size - 1, bytes({}), 1).is_ok());
  finish();
  ASSERT_EQ(client.done.size(), 1U);
  EXPECT_EQ(client.done[0].bytes, std::vector<uint8_t>{0x5a});
  EXPECT_EQ(flash.read(size - 1, bytes({}), 2).error(), ErrorCode::Inval);
  EXPECT_EQ(flash.read(0xffff'ffffU, bytes({}), 2).error(), ErrorCode::Inval) << "no wrap past 4 GiB";
  EXPECT_EQ(flash.read(0, bytes({}), 0).error(), ErrorCode::Size);
  EXPECT_EQ(flash.read(0, bytes({}), sizeof buffer_storage + 1).error(), ErrorCode::Size);
  EXPECT_EQ(device.out_of_window, 0);
}

TEST_F(CfiFlashTest, WriteProgramsLittleEndianWordsAndOnlyClearsBits) {
  device.set_stored_word(3, 0x0f0f'0f0f);
  ASSERT_TRUE(flash.write(8, bytes({0x01, 0x02, 0x03, 0x04, 0x00, 0xff, 0x00, 0xff}), 8).is_ok());
  EXPECT_TRUE(client.done.empty());
  finish();
  ASSERT_EQ(client.done.size(), 1U);
  EXPECT_EQ(client.done[0].kind, Completion::Write);
  EXPECT_TRUE(client.done[0].ok);
  EXPECT_EQ(client.done[0].length, 8U);
  EXPECT_EQ(device.stored_word(2), 0x0403'0201U);
  EXPECT_EQ(device.stored_word(3), 0x0f00'0f00U) << "a program is old AND new: bits only go from 1 to 0";
  EXPECT_EQ(device.status(), 0) << "status cleared afterwards";
  EXPECT_TRUE(device.in_read_array_mode());
  EXPECT_EQ(device.split_commands, 0);
  EXPECT_EQ(device.unknown_commands, 0);
}

TEST_F(CfiFlashTest, WriteSkipsWordsItWouldNotChange) {
  ASSERT_TRUE(flash.write(0, bytes({0xff, 0xff, 0xff, 0xff, 0x7f, 0xff, 0xff, 0xff}), 8).is_ok());
  finish();
  EXPECT_EQ(device.program_cycles, 1) << "all-ones over erased flash programs nothing";
  EXPECT_EQ(device.stored_word(1), 0xffff'ff7fU);
}

TEST_F(CfiFlashTest, LongWritesGoThroughTheWriteBufferInAlignedGroups) {
  // 40 words from word 60: groups of at most 64 words that never cross a 64-word boundary (60-63, 64-99).
  std::vector<uint8_t> data;
  for (int i = 0; i < 160; ++i) { data.push_back(static_cast<uint8_t>(i * 7 + 1)); }
  static uint8_t big[160];
  std::memcpy(big, data.data(), data.size());
  ASSERT_TRUE(flash.write(60 * 4, static_buffer(big), 160).is_ok());
  finish();
  ASSERT_EQ(client.done.size(), 1U);
  EXPECT_TRUE(client.done[0].ok);
  EXPECT_EQ(std::vector<uint8_t>(device.storage.begin() + 240, device.storage.begin() + 400), data);
  EXPECT_EQ(device.storage[239], 0xff);
  EXPECT_EQ(device.storage[400], 0xff);
  EXPECT_EQ(device.buffered_programs, 2);
  EXPECT_EQ(device.word_programs, 0);
  EXPECT_EQ(device.buffer_violations, 0);
  EXPECT_EQ(device.unknown_commands, 0);
  EXPECT_EQ(device.split_commands, 0);
  EXPECT_TRUE(device.in_read_array_mode());
}

TEST_F(CfiFlashTest, ADeviceWithoutAWriteBufferGetsWordPrograms) {
  ASSERT_TRUE(start({.buffer_log2 = 0}).is_ok());
  ASSERT_TRUE(flash.write(0, bytes({1, 2, 3, 4, 5, 6, 7, 8, 0xff, 0xff, 0xff, 0xff, 9, 9, 9, 9}), 16).is_ok());
  finish();
  ASSERT_EQ(client.done.size(), 1U);
  EXPECT_TRUE(client.done[0].ok);
  EXPECT_EQ(device.word_programs, 3) << "the all-ones word is skipped";
  EXPECT_EQ(device.buffered_programs, 0);
  EXPECT_EQ(device.stored_word(1), 0x0807'0605U);
  EXPECT_EQ(device.stored_word(3), 0x0909'0909U);
  EXPECT_EQ(device.unknown_commands, 0);
}

TEST_F(CfiFlashTest, WriteRefusesBadArgumentsAndHandsTheBufferBack) {
  EXPECT_EQ(flash.write(0, bytes({}), 0).error(), ErrorCode::Size);
  EXPECT_EQ(flash.write(0, bytes({}), 6).error(), ErrorCode::Size) << "not whole words";
  EXPECT_EQ(flash.write(0, bytes({}), sizeof buffer_storage + 4).error(), ErrorCode::Size);
  EXPECT_EQ(flash.write(2, bytes({}), 4).error(), ErrorCode::Inval) << "offset not word-aligned";
  BufferResult<uint8_t> past = flash.write(flash.geometry().size - 4, bytes({}), 8);
  EXPECT_EQ(past.error(), ErrorCode::Inval);
  EXPECT_EQ(past.take_buffer().size(), sizeof buffer_storage);
  finish();
  EXPECT_TRUE(client.done.empty());
  EXPECT_EQ(device.program_cycles, 0);
}

TEST_F(CfiFlashTest, OneOperationAtATime) {
  ASSERT_TRUE(flash.read(0, bytes({}), 4).is_ok());
  static uint8_t other[8];
  EXPECT_EQ(flash.write(0, static_buffer(other), 4).error(), ErrorCode::Busy);
  EXPECT_EQ(flash.erase(0).error(), ErrorCode::Busy);
  finish();
  ASSERT_EQ(client.done.size(), 1U);
  EXPECT_TRUE(flash.erase(0).is_ok()) << "free again once the callback has run";
  finish();
}

TEST_F(CfiFlashTest, EraseClearsExactlyOneSector) {
  uint32_t const sector = flash.geometry().sector_size;
  device.set_stored_word(sector / 4 - 1, 0);
  device.set_stored_word(sector / 4, 0);
  device.set_stored_word(2 * sector / 4 - 1, 0);
  device.set_stored_word(2 * sector / 4, 0);
  ASSERT_TRUE(flash.erase(sector).is_ok());
  EXPECT_TRUE(client.done.empty());
  finish();
  ASSERT_EQ(client.done.size(), 1U);
  EXPECT_EQ(client.done[0].kind, Completion::Erase);
  EXPECT_TRUE(client.done[0].ok);
  EXPECT_EQ(device.stored_word(sector / 4 - 1), 0U) << "the sector before is untouched";
  EXPECT_EQ(device.stored_word(sector / 4), 0xffff'ffffU);
  EXPECT_EQ(device.stored_word(2 * sector / 4 - 1), 0xffff'ffffU);
  EXPECT_EQ(device.stored_word(2 * sector / 4), 0U) << "the sector after is untouched";
  EXPECT_TRUE(device.in_read_array_mode());
  EXPECT_EQ(device.unknown_commands, 0) << "block erase, then its confirm";
}

TEST_F(CfiFlashTest, EraseRefusesUnalignedAndPastTheEnd) {
  EXPECT_EQ(flash.erase(4).error(), ErrorCode::Inval);
  EXPECT_EQ(flash.erase(flash.geometry().size).error(), ErrorCode::Inval);
  finish();
  EXPECT_TRUE(client.done.empty());
  EXPECT_EQ(device.erase_cycles, 0);
}

TEST_F(CfiFlashTest, ALockedSectorFailsProgramAndEraseAndTheDeviceRecovers) {
  device.locked_sectors.insert(0);
  ASSERT_TRUE(flash.write(0, bytes({1, 2, 3, 4, 5, 6, 7, 8}), 8).is_ok());
  finish();
  ASSERT_EQ(client.done.size(), 1U);
  EXPECT_FALSE(client.done[0].ok);
  EXPECT_EQ(client.done[0].error, ErrorCode::Fail);
  EXPECT_EQ(device.program_cycles, 1) << "the write stops at the first failed word";
  EXPECT_EQ(device.status(), 0) << "the error bits were cleared";
  EXPECT_TRUE(device.in_read_array_mode());

  ASSERT_TRUE(flash.erase(0).is_ok());
  finish();
  ASSERT_EQ(client.done.size(), 2U);
  EXPECT_EQ(client.done[1].error, ErrorCode::Fail);

  uint32_t const sector = flash.geometry().sector_size;
  ASSERT_TRUE(flash.write(sector, bytes({1, 2, 3, 4}), 4).is_ok()) << "another sector still works";
  finish();
  ASSERT_EQ(client.done.size(), 3U);
  EXPECT_TRUE(client.done[2].ok);
  EXPECT_EQ(device.stored_word(sector / 4), 0x0403'0201U);
}

TEST_F(CfiFlashTest, ADeviceThatNeverBecomesReadyFailsAfterBoundedPolling) {
  ASSERT_TRUE(start({.never_ready = true}).is_ok());
  ASSERT_TRUE(flash.erase(0).is_ok());
  finish();
  ASSERT_EQ(client.done.size(), 1U);
  EXPECT_EQ(client.done[0].error, ErrorCode::Fail);
  EXPECT_EQ(device.status_reads, static_cast<int>(CfiFlash::kStatusPolls));
  EXPECT_TRUE(device.in_read_array_mode());
}

TEST_F(CfiFlashTest, TheClientMayStartTheNextOperationFromItsCallback) {
  struct Chaining final : keel::hil::flash::HardwareClient {
    void read_done(StaticBuffer<uint8_t>&& buffer, std::size_t, Result<void>) const override {
      next = flash->write(0, std::move(buffer), 4).is_ok();
    }
    void write_done(StaticBuffer<uint8_t>&&, std::size_t, Result<void> status) const override { wrote = status.is_ok(); }
    void erase_done(Result<void>) const override {}
    CfiFlash const* flash = nullptr;
    mutable bool next = false;
    mutable bool wrote = false;
  };
  static Chaining chaining;
  chaining.flash = &flash;
  flash.set_client(static_ref<keel::hil::flash::HardwareClient const>(chaining));
  device.set_stored_word(0, 0x1234'5678);
  ASSERT_TRUE(flash.read(0, bytes({}), 4).is_ok());
  finish();
  EXPECT_TRUE(chaining.next);
  EXPECT_FALSE(chaining.wrote) << "the second operation's callback waits for the next round";
  finish();
  EXPECT_TRUE(chaining.wrote);
  EXPECT_EQ(device.stored_word(0), 0x1234'5678U) << "the word read back, programmed over itself";
}

}  // namespace
