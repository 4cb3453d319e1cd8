// The flash virtualizer: partitions see offsets from their own start and their own size, cannot reach outside their
// range, and share the device one operation at a time in turn; errors and callbacks reach the right partition's
// client. The device is a fake HardwareFlash that holds each operation until the test completes it.
#include "capsules/flash_partition.h"

#include <gtest/gtest.h>

#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "tests/host/static_ref.h"
#include "tests/host/test_panic.h"

namespace {

using keel::BufferResult;
using keel::ErrorCode;
using keel::Result;
using keel::StaticBuffer;
using keel::capsules::FlashPartition;
using keel::capsules::MuxFlash;
using keel::hil::flash::Geometry;
using keel_test::static_buffer;
using keel_test::static_ref;

constexpr uint32_t kSector = 4096;
constexpr uint32_t kSectors = 16;

/// A device of kSectors sectors that starts each operation and finishes it when the test says so.
struct FakeDevice final : keel::hil::flash::HardwareFlash {
  struct Started {
    std::string kind;
    uint32_t offset;
    std::size_t length;
  };

  void set_client(keel::StaticRef<keel::hil::flash::HardwareClient const> c) const override { client = &c.get(); }
  Geometry geometry() const override { return present ? Geometry{kSector * kSectors, kSector, 4} : Geometry{}; }
  BufferResult<uint8_t> read(uint32_t offset, StaticBuffer<uint8_t>&& buffer, std::size_t length) const override {
    return begin("read", offset, std::move(buffer), length);
  }
  BufferResult<uint8_t> write(uint32_t offset, StaticBuffer<uint8_t>&& buffer, std::size_t length) const override {
    return begin("write", offset, std::move(buffer), length);
  }
  Result<void> erase(uint32_t offset) const override {
    if (!present) { return keel::Error(ErrorCode::NoDevice); }
    if (busy) { return keel::Error(ErrorCode::Busy); }
    if (refuse.is_error()) { return refuse; }
    busy = true;
    started.push_back({"erase", offset, 0});
    return keel::success();
  }

  BufferResult<uint8_t> begin(std::string kind, uint32_t offset, StaticBuffer<uint8_t>&& buffer,
                              std::size_t length) const {
    if (!present) { return {ErrorCode::NoDevice, std::move(buffer)}; }
    if (busy) { return {ErrorCode::Busy, std::move(buffer)}; }
    if (refuse.is_error()) { return {refuse.error(), std::move(buffer)}; }
    busy = true;
    started.push_back({kind, offset, length});
    held = std::move(buffer);
    return {};
  }

  /// Finishes the operation in flight: a read fills its buffer from `memory`, a write ANDs into it.
  void complete(Result<void> status = keel::success()) const {
    ASSERT_TRUE(busy);
    busy = false;
    Started const op = started.back();
    if (op.kind == "erase") {
      if (status.is_ok()) { std::memset(&memory[op.offset], 0xff, kSector); }
      client->erase_done(status);
      return;
    }
    for (std::size_t i = 0; i < op.length; ++i) {
      if (op.kind == "read") {
        held.slice()[i] = memory[op.offset + i];
      } else {
        memory[op.offset + i] &= held.slice()[i];
      }
    }
    StaticBuffer<uint8_t> buffer = std::move(held);
    if (op.kind == "read") {
      client->read_done(std::move(buffer), op.length, status);
    } else {
      client->write_done(std::move(buffer), op.length, status);
    }
  }

  mutable keel::hil::flash::HardwareClient const* client = nullptr;
  mutable bool present = true;
  mutable bool busy = false;
  mutable Result<void> refuse = keel::success();
  mutable std::vector<Started> started;
  mutable StaticBuffer<uint8_t> held;
  mutable std::vector<uint8_t> memory = std::vector<uint8_t>(kSector * kSectors, 0xff);
};

struct Event {
  std::string kind;
  std::vector<uint8_t> bytes;
  bool ok;
  ErrorCode error;
  std::size_t buffer_size;
};

struct Client final : keel::hil::flash::Client {
  void read_done(StaticBuffer<uint8_t>&& buffer, std::size_t length, Result<void> status) const override {
    record("read", buffer, length, status);
    if (on_done) { on_done(std::move(buffer)); }
  }
  void write_done(StaticBuffer<uint8_t>&& buffer, std::size_t length, Result<void> status) const override {
    record("write", buffer, length, status);
    if (on_done) { on_done(std::move(buffer)); }
  }
  void erase_done(Result<void> status) const override {
    events.push_back({"erase", {}, status.is_ok(), status.is_ok() ? ErrorCode::Fail : status.error(), 0});
  }
  void record(std::string kind, StaticBuffer<uint8_t> const& buffer, std::size_t length, Result<void> status) const {
    std::vector<uint8_t> bytes;
    for (std::size_t i = 0; i < length && i < buffer.size(); ++i) { bytes.push_back(buffer.slice()[i]); }
    events.push_back({kind, bytes, status.is_ok(), status.is_ok() ? ErrorCode::Fail : status.error(), buffer.size()});
  }
  mutable std::vector<Event> events;
  std::function<void(StaticBuffer<uint8_t>)> on_done;
};

uint8_t storage_a[16];
uint8_t storage_b[16];

class FlashPartitionTest : public ::testing::Test {
 protected:
  FlashPartitionTest() {
    device.set_client(static_ref<keel::hil::flash::HardwareClient const>(mux));
    FlashPartition::setup(static_ref(a));
    FlashPartition::setup(static_ref(b));
    a.set_client(static_ref<keel::hil::flash::Client const>(client_a));
    b.set_client(static_ref<keel::hil::flash::Client const>(client_b));
  }
  static StaticBuffer<uint8_t> buffer_a(std::vector<uint8_t> const& bytes = {}) {
    std::memset(storage_a, 0, sizeof storage_a);
    if (!bytes.empty()) { std::memcpy(storage_a, bytes.data(), bytes.size()); }
    return static_buffer(storage_a);
  }
  static StaticBuffer<uint8_t> buffer_b(std::vector<uint8_t> const& bytes = {}) {
    std::memset(storage_b, 0, sizeof storage_b);
    if (!bytes.empty()) { std::memcpy(storage_b, bytes.data(), bytes.size()); }
    return static_buffer(storage_b);
  }

  FakeDevice device;
  MuxFlash mux{static_ref<keel::hil::flash::HardwareFlash const>(device)};
  // a: sectors 2-5, b: sectors 6-7.
  FlashPartition a{static_ref(mux), 2 * kSector, 4 * kSector};
  FlashPartition b{static_ref(mux), 6 * kSector, 2 * kSector};
  Client client_a;
  Client client_b;
};

TEST_F(FlashPartitionTest, APartitionHasItsOwnSizeAndTheDevicesUnits) {
  Geometry const g = a.geometry();
  EXPECT_EQ(g.size, 4 * kSector);
  EXPECT_EQ(g.sector_size, kSector);
  EXPECT_EQ(g.write_unit, 4U);
  EXPECT_EQ(b.geometry().size, 2 * kSector);
}

TEST_F(FlashPartitionTest, OffsetsAreRelativeToThePartitionsStart) {
  device.memory[2 * kSector + 5] = 0x42;
  ASSERT_TRUE(a.read(5, buffer_a(), 1).is_ok());
  ASSERT_EQ(device.started.size(), 1U);
  EXPECT_EQ(device.started[0].offset, 2 * kSector + 5);
  device.complete();
  ASSERT_EQ(client_a.events.size(), 1U);
  EXPECT_EQ(client_a.events[0].bytes, std::vector<uint8_t>{0x42});

  ASSERT_TRUE(b.write(kSector, buffer_b({1, 2, 3, 4}), 4).is_ok());
  device.complete();
  EXPECT_EQ(device.memory[7 * kSector], 1);
  ASSERT_TRUE(b.erase(kSector).is_ok());
  EXPECT_EQ(device.started.back().offset, 7 * kSector);
  device.complete();
  EXPECT_EQ(device.memory[7 * kSector], 0xff);
  EXPECT_TRUE(client_a.events.size() == 1U) << "b's callbacks went to b's client only";
  EXPECT_EQ(client_b.events.size(), 2U);
}

TEST_F(FlashPartitionTest, NothingOutsideThePartitionReachesTheDevice) {
  EXPECT_EQ(b.read(2 * kSector - 1, buffer_b(), 2).error(), ErrorCode::Inval) << "crosses the end";
  EXPECT_EQ(b.read(2 * kSector, buffer_b(), 1).error(), ErrorCode::Inval);
  EXPECT_EQ(b.read(0xffff'ffffU, buffer_b(), 2).error(), ErrorCode::Inval) << "no wrap";
  EXPECT_EQ(a.write(4 * kSector - 4, buffer_a(), 8).error(), ErrorCode::Inval) << "would write into b";
  EXPECT_EQ(a.write(2, buffer_a(), 4).error(), ErrorCode::Inval) << "not write-unit aligned";
  EXPECT_EQ(a.write(0, buffer_a(), 6).error(), ErrorCode::Size) << "not whole write units";
  EXPECT_EQ(a.write(0, buffer_a(), 0).error(), ErrorCode::Size);
  EXPECT_EQ(a.read(0, buffer_a(), sizeof storage_a + 1).error(), ErrorCode::Size);
  EXPECT_EQ(a.erase(4 * kSector).error(), ErrorCode::Inval) << "b's first sector is not a's";
  EXPECT_EQ(a.erase(100).error(), ErrorCode::Inval);
  BufferResult<uint8_t> refused = a.write(4 * kSector, buffer_a(), 4);
  EXPECT_EQ(refused.take_buffer().size(), sizeof storage_a) << "the buffer comes back";
  EXPECT_TRUE(device.started.empty());
}

TEST_F(FlashPartitionTest, OneOperationPerPartitionAndTheDeviceIsSharedInTurn) {
  ASSERT_TRUE(a.read(0, buffer_a(), 4).is_ok());
  EXPECT_EQ(a.erase(0).error(), ErrorCode::Busy) << "a already has an operation";
  ASSERT_TRUE(b.write(0, buffer_b({9, 9, 9, 9}), 4).is_ok()) << "b waits for the device";
  ASSERT_EQ(device.started.size(), 1U);

  // a's client asks again from its callback: that must queue behind b, which was waiting.
  client_a.on_done = [&](StaticBuffer<uint8_t> buffer) {
    EXPECT_EQ(device.started.size(), 2U) << "b started before a heard of its result";
    EXPECT_TRUE(a.read(4, std::move(buffer), 4).is_ok());
  };
  device.complete();
  client_a.on_done = nullptr;
  ASSERT_EQ(device.started.size(), 2U) << "a's second read waits behind b";
  EXPECT_EQ(device.started[1].kind, "write");
  EXPECT_EQ(device.started[1].offset, 6 * kSector);
  device.complete();
  ASSERT_EQ(device.started.size(), 3U);
  EXPECT_EQ(device.started[2].offset, 2 * kSector + 4);
  device.complete();
  EXPECT_EQ(client_a.events.size(), 2U);
  EXPECT_EQ(client_b.events.size(), 1U);
  EXPECT_FALSE(device.busy);
}

TEST_F(FlashPartitionTest, DeviceErrorsReachTheRightClient) {
  ASSERT_TRUE(a.erase(0).is_ok());
  ASSERT_TRUE(b.erase(0).is_ok());
  device.complete(keel::Error(ErrorCode::Fail));
  device.complete();
  ASSERT_EQ(client_a.events.size(), 1U);
  EXPECT_FALSE(client_a.events[0].ok);
  EXPECT_EQ(client_a.events[0].error, ErrorCode::Fail);
  ASSERT_EQ(client_b.events.size(), 1U);
  EXPECT_TRUE(client_b.events[0].ok);
}

TEST_F(FlashPartitionTest, ARefusalAtOnceIsTheCallersAndAQueuedOneComesThroughTheCallback) {
  device.refuse = keel::Error(ErrorCode::Fail);
  BufferResult<uint8_t> refused = a.read(0, buffer_a(), 4);
  EXPECT_EQ(refused.error(), ErrorCode::Fail);
  EXPECT_EQ(refused.take_buffer().size(), sizeof storage_a);
  EXPECT_TRUE(client_a.events.empty()) << "no callback after a synchronous error";

  device.refuse = keel::success();
  ASSERT_TRUE(a.read(0, buffer_a(), 4).is_ok()) << "a is idle again";
  ASSERT_TRUE(b.read(0, buffer_b(), 4).is_ok());
  device.refuse = keel::Error(ErrorCode::Fail);
  device.complete();
  ASSERT_EQ(client_b.events.size(), 1U) << "b's turn came and the device refused it";
  EXPECT_EQ(client_b.events[0].error, ErrorCode::Fail);
  EXPECT_EQ(client_b.events[0].buffer_size, sizeof storage_b) << "with its buffer";
  device.refuse = keel::success();
  ASSERT_TRUE(b.erase(0).is_ok()) << "b is idle again";
  device.complete();
}

TEST_F(FlashPartitionTest, AnAbsentDeviceMakesEveryPartitionAbsent) {
  device.present = false;
  EXPECT_EQ(a.geometry().size, 0U);
  EXPECT_EQ(a.read(0, buffer_a(), 4).error(), ErrorCode::NoDevice);
  EXPECT_EQ(a.write(0, buffer_a(), 4).error(), ErrorCode::NoDevice);
  EXPECT_EQ(a.erase(0).error(), ErrorCode::NoDevice);
}

TEST(FlashPartitionWiring, APartitionThatDoesNotFitTheDeviceIsAbsent) {
  FakeDevice device;
  MuxFlash mux{static_ref<keel::hil::flash::HardwareFlash const>(device)};
  FlashPartition past_end{static_ref(mux), 15 * kSector, 2 * kSector};
  FlashPartition unaligned{static_ref(mux), 100, kSector};
  FlashPartition::setup(static_ref(past_end));
  FlashPartition::setup(static_ref(unaligned));
  EXPECT_EQ(past_end.geometry().size, 0U);
  EXPECT_EQ(unaligned.geometry().size, 0U);
  EXPECT_EQ(past_end.erase(0).error(), ErrorCode::NoDevice);
}

TEST(FlashPartitionWiring, OverlappingPartitionsAreAWiringBug) {
  FakeDevice device;
  MuxFlash mux{static_ref<keel::hil::flash::HardwareFlash const>(device)};
  FlashPartition first{static_ref(mux), 0, 2 * kSector};
  FlashPartition second{static_ref(mux), kSector, 2 * kSector};
  FlashPartition third{static_ref(mux), 2 * kSector, kSector};
  FlashPartition::setup(static_ref(first));
  EXPECT_THROW(FlashPartition::setup(static_ref(second)), keel_test::KernelPanic);
  FlashPartition::setup(static_ref(third));  // adjacent is fine
  EXPECT_THROW(FlashPartition::setup(static_ref(third)), keel_test::KernelPanic) << "twice";
}

}  // namespace
