// The virtio entropy driver and the virtio-mmio transport against eight transport register blocks in ordinary
// memory. The test plays the device: it sets the identification registers, reads back the queue addresses the
// driver programmed, and fills the buffer through the rings (fake_virtqueue_device.h).
#include "chips/qemu-virt/virtio_rng.h"

#include <gtest/gtest.h>

#include <functional>
#include <vector>

#include "fake_registers.h"
#include "fake_virtqueue_device.h"

namespace {

using keel::ErrorCode;
using keel::Result;
using keel::Slice;
using keel::chips::qemu_virt::VirtioMmioSlots;
using keel::chips::qemu_virt::VirtioRng;
using keel::chips::qemu_virt::Virtqueue;
using keel::chips::qemu_virt::VirtqueueMemory;
using keel::hil::entropy::Continue;

constexpr std::size_t kMagic = 0x000;
constexpr std::size_t kVersion = 0x004;
constexpr std::size_t kDeviceId = 0x008;
constexpr std::size_t kDeviceFeatures = 0x010;
constexpr std::size_t kQueueSizeMax = 0x034;
constexpr std::size_t kQueueSize = 0x038;
constexpr std::size_t kQueueReady = 0x044;
constexpr std::size_t kQueueNotify = 0x050;
constexpr std::size_t kInterruptStatus = 0x060;
constexpr std::size_t kInterruptAcknowledge = 0x064;
constexpr std::size_t kStatus = 0x070;
constexpr std::size_t kQueueDescriptorLow = 0x080;
constexpr std::size_t kQueueDriverLow = 0x090;
constexpr std::size_t kQueueDeviceLow = 0x0A0;

constexpr uint32_t kStatusAcknowledge = 1;
constexpr uint32_t kStatusDriver = 2;
constexpr uint32_t kStatusDriverOk = 4;
constexpr uint32_t kStatusFeaturesOk = 8;
constexpr uint32_t kStatusFailed = 0x80;

struct RecordingEntropyClient final : keel::hil::entropy::Client {
  Continue entropy_available(Slice<uint8_t const> bytes, Result<void> status) const override {
    std::vector<uint8_t> batch;
    for (uint8_t b : bytes) { batch.push_back(b); }
    batches.push_back(batch);
    addresses.push_back(reinterpret_cast<uint8_t const*>(bytes.address()));
    all_ok = all_ok && status.is_ok();
    if (during_callback) { during_callback(); }
    Continue const answer = answers.empty() ? Continue::Done : answers.front();
    if (!answers.empty()) { answers.erase(answers.begin()); }
    return answer;
  }
  mutable std::vector<std::vector<uint8_t>> batches;
  mutable std::vector<uint8_t const*> addresses;
  mutable std::vector<Continue> answers;
  mutable bool all_ok = true;
  std::function<void()> during_callback;
};

class VirtioRngTest : public ::testing::Test {
 protected:
  VirtioRngTest() { rng.set_client(keel_test::static_ref(client)); }

  keel::chips::qemu_virt::VirtioMmioRegisters& slot(std::size_t n) { return (*slots)[n]; }

  void install_device(std::size_t n, uint32_t device_id, uint32_t version = 2, uint32_t features = 1) {
    keel_test::poke32(slot(n), kMagic, 0x74726976);
    keel_test::poke32(slot(n), kVersion, version);
    keel_test::poke32(slot(n), kDeviceId, device_id);
    // Plain memory shows the same word for both DeviceFeaturesSel values: 1 is bit 32 (VERSION_1) in the high
    // word, and a harmless bit 0 in the low one.
    keel_test::poke32(slot(n), kDeviceFeatures, features);
    keel_test::poke32(slot(n), kQueueSizeMax, 8);
  }

  /// The device finishes every available request, writing at most `bytes` bytes, then raises its interrupt.
  void device_fills(std::size_t n, uint8_t value, uint32_t bytes) {
    device_requests += device.process(value, bytes);
    keel_test::poke32(slot(n), kInterruptStatus, 1);
    rng.handle_interrupt();
  }

  uint16_t requests_waiting() const { return device.pending(); }

  std::unique_ptr<VirtioMmioSlots> slots = keel_test::make_register_block<VirtioMmioSlots>();
  VirtqueueMemory queue_memory;
  Virtqueue queue{keel_test::static_ref(queue_memory)};
  uint8_t buffer[64] = {};
  VirtioRng rng{keel_test::static_slice(*slots), keel_test::static_ref(queue), keel_test::static_buffer(buffer)};
  RecordingEntropyClient client;
  keel_test::FakeVirtqueueDevice device{keel_test::programmed_addresses(queue.rings())};
  int device_requests = 0;
};

TEST_F(VirtioRngTest, WithoutAnEntropyDeviceItIsOff) {
  install_device(0, 2);  // a block device
  Result<void> const started = rng.initialize();
  ASSERT_TRUE(started.is_error());
  EXPECT_EQ(started.error(), ErrorCode::NoDevice);
  EXPECT_TRUE(rng.slot().is_none());
  Result<void> const get = rng.get();
  ASSERT_TRUE(get.is_error());
  EXPECT_EQ(get.error(), ErrorCode::Off);
  EXPECT_TRUE(rng.cancel().is_ok());
}

TEST_F(VirtioRngTest, LegacyTransportsAreIgnored) {
  install_device(2, 4, /*version=*/1);
  Result<void> const started = rng.initialize();
  ASSERT_TRUE(started.is_error());
  EXPECT_EQ(started.error(), ErrorCode::NoDevice);
}

TEST_F(VirtioRngTest, ADeviceWithoutVersionOneIsFailed) {
  install_device(1, 4, 2, /*features=*/0);
  Result<void> const started = rng.initialize();
  ASSERT_TRUE(started.is_error());
  EXPECT_EQ(started.error(), ErrorCode::NoSupport);
  EXPECT_EQ(keel_test::peek32(slot(1), kStatus) & kStatusFailed, kStatusFailed);
  EXPECT_EQ(rng.get().error(), ErrorCode::Off);
}

TEST_F(VirtioRngTest, FindsTheDeviceAndCompletesTheHandshake) {
  install_device(0, 2);
  install_device(3, 4);
  ASSERT_TRUE(rng.initialize().is_ok());
  ASSERT_TRUE(rng.slot().is_some());
  EXPECT_EQ(rng.slot().value(), 3U);
  EXPECT_EQ(keel_test::peek32(slot(3), kStatus),
            kStatusAcknowledge | kStatusDriver | kStatusFeaturesOk | kStatusDriverOk);
  EXPECT_EQ(keel_test::peek32(slot(0), kStatus), 0U) << "the other device is left alone";
  EXPECT_EQ(keel_test::peek32(slot(3), kQueueSize), Virtqueue::kSize);
  EXPECT_EQ(keel_test::peek32(slot(3), kQueueReady), 1U);
  auto const addresses = keel_test::programmed_addresses(queue.rings());
  auto const programmed = [&](std::size_t low) {
    return (static_cast<uint64_t>(keel_test::peek32(slot(3), low + 4)) << 32) | keel_test::peek32(slot(3), low);
  };
  EXPECT_EQ(programmed(kQueueDescriptorLow), addresses.descriptor_table);
  EXPECT_EQ(programmed(kQueueDriverLow), addresses.driver_area);
  EXPECT_EQ(programmed(kQueueDeviceLow), addresses.device_area);
}

TEST_F(VirtioRngTest, TheBufferGoesToTheDeviceAndItsBytesToTheClient) {
  install_device(5, 4);
  ASSERT_TRUE(rng.initialize().is_ok());
  keel_test::poke32(slot(5), kQueueNotify, 0xFFFF);

  ASSERT_TRUE(rng.get().is_ok());
  EXPECT_EQ(keel_test::peek32(slot(5), kQueueNotify), 0U) << "request queue 0 notified";
  EXPECT_EQ(requests_waiting(), 1U);
  EXPECT_TRUE(client.batches.empty());
  EXPECT_TRUE(rng.get().is_ok()) << "already running: success";
  EXPECT_EQ(requests_waiting(), 1U) << "the buffer is with the device; it is not posted twice";

  device_fills(5, 0xA5, 16);
  ASSERT_EQ(client.batches.size(), 1U);
  EXPECT_EQ(client.batches[0], std::vector<uint8_t>(16, 0xA5)) << "exactly the bytes the device wrote";
  EXPECT_EQ(client.addresses[0], buffer) << "the static buffer itself, back from the device";
  EXPECT_TRUE(client.all_ok);
  EXPECT_EQ(keel_test::peek32(slot(5), kInterruptAcknowledge), 1U);
  EXPECT_EQ(requests_waiting(), 0U) << "Done: nothing posted again";
}

TEST_F(VirtioRngTest, MoreAsksForAnotherBatch) {
  install_device(0, 4);
  ASSERT_TRUE(rng.initialize().is_ok());
  client.answers = {Continue::More, Continue::More, Continue::Done};
  ASSERT_TRUE(rng.get().is_ok());
  for (uint8_t round = 0; round < 3; ++round) { device_fills(0, round, 64); }
  EXPECT_EQ(client.batches.size(), 3U);
  EXPECT_EQ(client.batches[2], std::vector<uint8_t>(64, 2));
  EXPECT_EQ(requests_waiting(), 0U);
  EXPECT_EQ(device_requests, 3);
}

TEST_F(VirtioRngTest, ADeviceClaimingMoreThanTheBufferIsBelievedUpToItsSize) {
  install_device(0, 4);
  ASSERT_TRUE(rng.initialize().is_ok());
  ASSERT_TRUE(rng.get().is_ok());
  ASSERT_EQ(device.process(0x5A, 64), 1);
  // Rewrite the used entry's length as a buggy device would.
  device.overwrite_used_length(0, 1000);
  rng.handle_interrupt();
  ASSERT_EQ(client.batches.size(), 1U);
  EXPECT_EQ(client.batches[0].size(), 64U);
}

TEST_F(VirtioRngTest, CancelWhileTheDeviceHoldsTheBufferTakesItBackSilently) {
  install_device(0, 4);
  ASSERT_TRUE(rng.initialize().is_ok());
  ASSERT_TRUE(rng.get().is_ok());
  EXPECT_TRUE(rng.cancel().is_ok()) << "success: no callback will follow";
  device_fills(0, 0x77, 8);
  EXPECT_TRUE(client.batches.empty());

  ASSERT_TRUE(rng.get().is_ok()) << "the buffer is back, so a new request can go out";
  EXPECT_EQ(requests_waiting(), 1U);
  device_fills(0, 0x78, 8);
  ASSERT_EQ(client.batches.size(), 1U);
  EXPECT_EQ(client.batches[0], std::vector<uint8_t>(8, 0x78));
}

TEST_F(VirtioRngTest, GetAfterCancelBeforeTheBufferReturnsResumes) {
  install_device(0, 4);
  ASSERT_TRUE(rng.initialize().is_ok());
  ASSERT_TRUE(rng.get().is_ok());
  EXPECT_TRUE(rng.cancel().is_ok());
  EXPECT_TRUE(rng.get().is_ok());
  EXPECT_EQ(requests_waiting(), 1U) << "the request in flight is reused";
  device_fills(0, 0x10, 4);
  EXPECT_EQ(client.batches.size(), 1U);
}

TEST_F(VirtioRngTest, GetOrCancelFromInsideTheCallback) {
  install_device(0, 4);
  ASSERT_TRUE(rng.initialize().is_ok());

  client.during_callback = [&] { EXPECT_TRUE(rng.get().is_ok()); };
  client.answers = {Continue::Done};
  ASSERT_TRUE(rng.get().is_ok());
  device_fills(0, 1, 4);
  EXPECT_EQ(requests_waiting(), 1U) << "get() during the callback posts again even though it answered Done";

  client.during_callback = [&] { EXPECT_TRUE(rng.cancel().is_ok()); };
  client.answers = {Continue::More};
  device_fills(0, 2, 4);
  EXPECT_EQ(requests_waiting(), 0U) << "cancel() during the callback wins over More";
  EXPECT_EQ(client.batches.size(), 2U);

  client.during_callback = nullptr;
  ASSERT_TRUE(rng.get().is_ok()) << "and the buffer is back in the driver";
  EXPECT_EQ(requests_waiting(), 1U);
}

}  // namespace
