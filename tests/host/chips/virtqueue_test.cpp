// Split-virtqueue bookkeeping against a fake device that reads the rings at the addresses the driver publishes and
// fills the used ring, as a virtio device does.
#include "chips/qemu-virt/virtqueue.h"

#include <gtest/gtest.h>

#include "fake_virtqueue_device.h"
#include "tests/host/static_ref.h"

namespace {

using keel::ErrorCode;
using keel::Slice;
using keel::chips::qemu_virt::BufferDirection;
using keel::chips::qemu_virt::kVirtqDescriptorNext;
using keel::chips::qemu_virt::kVirtqDescriptorWrite;
using keel::chips::qemu_virt::kMaxChain;
using keel::chips::qemu_virt::UsedChain;
using keel::chips::qemu_virt::Virtqueue;
using keel::chips::qemu_virt::VirtqueueBuffer;
using keel::chips::qemu_virt::VirtqueueMemory;

// The descriptor table is written only by write_descriptor, from a static buffer: the memory's own code (and any
// code deriving from the rings) cannot reach it.
template <typename T> concept ReachesDescriptors = requires(T& memory) { memory.descriptors_; };
static_assert(!ReachesDescriptors<VirtqueueMemory>);

class VirtqueueTest : public ::testing::Test {
 protected:
  void SetUp() override { queue.initialize(); }

  keel::Result<uint16_t> add_one(keel::StaticBuffer<uint8_t> bytes, BufferDirection direction) {
    VirtqueueBuffer chain[] = {{std::move(bytes), direction}};
    return queue.add(Slice<VirtqueueBuffer>(chain));
  }

  VirtqueueMemory memory;
  Virtqueue queue{keel_test::static_ref(memory)};
  keel_test::FakeVirtqueueDevice device{keel_test::programmed_addresses(queue.rings())};
  uint8_t request[4] = {1, 2, 3, 4};
  uint8_t reply[8] = {};
};

TEST_F(VirtqueueTest, PartsAreAlignedAsTheSpecRequires) {
  auto const addresses = keel_test::programmed_addresses(queue.rings());
  EXPECT_EQ(addresses.descriptor_table % 16, 0U);
  EXPECT_EQ(addresses.driver_area % 2, 0U);
  EXPECT_EQ(addresses.device_area % 4, 0U);
  EXPECT_GE(addresses.driver_area, addresses.descriptor_table + 16 * Virtqueue::kSize);
  EXPECT_GE(addresses.device_area, addresses.driver_area + 6 + 2 * Virtqueue::kSize);
  EXPECT_GE(Slice<VirtqueueMemory const>::of(memory).address() + sizeof memory,
            addresses.device_area + 6 + 8 * Virtqueue::kSize) << "all three parts inside the static memory";
  EXPECT_EQ(queue.free_descriptors(), Virtqueue::kSize);
}

TEST_F(VirtqueueTest, AChainReachesTheDeviceLinkedAndFlagged) {
  VirtqueueBuffer chain[] = {{keel_test::static_buffer(request), BufferDirection::ToDevice},
                             {keel_test::static_buffer(reply), BufferDirection::FromDevice}};
  keel::Result<uint16_t> const head = queue.add(Slice<VirtqueueBuffer>(chain));
  ASSERT_TRUE(head.is_ok());
  EXPECT_EQ(chain[0].bytes.size(), 0U) << "the queue holds the buffers while the device does";
  EXPECT_EQ(chain[1].bytes.size(), 0U);
  EXPECT_EQ(queue.free_descriptors(), Virtqueue::kSize - 2U);
  EXPECT_EQ(device.pending(), 1U);
  EXPECT_TRUE(queue.take_used().is_none()) << "the device has not finished it";

  EXPECT_EQ(device.process(0xEE), 1);
  auto const& seen = device.chains.at(0);
  ASSERT_EQ(seen.size(), 2U);
  EXPECT_EQ(seen[0].address, Slice<uint8_t>(request).address());
  EXPECT_EQ(seen[0].length, 4U);
  EXPECT_EQ(seen[0].flags, kVirtqDescriptorNext) << "the device reads the request";
  EXPECT_EQ(seen[1].address, Slice<uint8_t>(reply).address());
  EXPECT_EQ(seen[1].length, 8U);
  EXPECT_EQ(seen[1].flags, kVirtqDescriptorWrite) << "the device writes the reply; end of chain";
  EXPECT_EQ(request[0], 1) << "a read-only buffer is left alone";
  EXPECT_EQ(reply[7], 0xEE);

  keel::Option<UsedChain> const used = queue.take_used();
  ASSERT_TRUE(used.is_some());
  EXPECT_EQ(used.value().head, head.value());
  EXPECT_EQ(used.value().length, 8U);
  ASSERT_EQ(used.value().count, 2U) << "both buffers come back, in the chain's order";
  EXPECT_EQ(used.value().buffers[0].slice().address(), Slice<uint8_t>(request).address());
  EXPECT_EQ(used.value().buffers[0].size(), 4U);
  EXPECT_EQ(used.value().buffers[1].slice().address(), Slice<uint8_t>(reply).address());
  EXPECT_EQ(used.value().buffers[1].size(), 8U);
  EXPECT_EQ(used.value().buffers[2].size(), 0U);
  EXPECT_EQ(queue.free_descriptors(), Virtqueue::kSize) << "both descriptors are free again";
  EXPECT_TRUE(queue.take_used().is_none());
}

TEST_F(VirtqueueTest, ADescriptorIsItsStaticBufferAndCarriesOnlyNextAndWrite) {
  constexpr uint16_t kIndirect = 4;  // would have the device read descriptors out of the buffer
  memory.write_descriptor(3, keel_test::static_buffer(reply), kVirtqDescriptorWrite | kIndirect, 5);
  keel_test::FakeVirtqueueDevice::Descriptor const seen = device.descriptor(3);
  EXPECT_EQ(seen.address, Slice<uint8_t>(reply).address());
  EXPECT_EQ(seen.length, 8U);
  EXPECT_EQ(seen.flags, kVirtqDescriptorWrite);
  EXPECT_EQ(seen.next, 5U);

  queue.initialize();
  keel_test::FakeVirtqueueDevice::Descriptor const cleared = device.descriptor(3);
  EXPECT_EQ(cleared.address, 0U);
  EXPECT_EQ(cleared.length, 0U);
  EXPECT_EQ(cleared.flags, 0U);
  EXPECT_EQ(cleared.next, 0U);
}

TEST_F(VirtqueueTest, AFullQueueRefusesUntilTheDeviceGivesBuffersBack) {
  for (uint16_t i = 0; i < Virtqueue::kSize; ++i) {
    ASSERT_TRUE(add_one(keel_test::static_buffer(reply), BufferDirection::FromDevice).is_ok()) << i;
  }
  keel::Result<uint16_t> const full = add_one(keel_test::static_buffer(reply), BufferDirection::FromDevice);
  ASSERT_TRUE(full.is_error());
  EXPECT_EQ(full.error(), ErrorCode::NoMem);

  EXPECT_EQ(device.process(0x11), Virtqueue::kSize);
  uint32_t heads_seen = 0;
  while (auto used = queue.take_used()) { heads_seen |= 1U << used.value().head; }
  EXPECT_EQ(heads_seen, 0xFFU) << "every descriptor came back exactly once";
  EXPECT_TRUE(add_one(keel_test::static_buffer(reply), BufferDirection::FromDevice).is_ok());
}

TEST_F(VirtqueueTest, RingIndicesWrapModuloTheQueueSizeAndTwoToTheSixteen) {
  // 70000 round trips: the ring slot wraps every 8, the 16-bit free-running indices wrap once.
  for (uint32_t round = 0; round < 70000; ++round) {
    ASSERT_TRUE(add_one(keel_test::static_buffer(reply), BufferDirection::FromDevice).is_ok()) << round;
    ASSERT_EQ(device.process(static_cast<uint8_t>(round), 3), 1) << round;
    keel::Option<UsedChain> const used = queue.take_used();
    ASSERT_TRUE(used.is_some()) << round;
    ASSERT_EQ(used.value().length, 3U);
    ASSERT_EQ(reply[2], static_cast<uint8_t>(round));
  }
  EXPECT_EQ(queue.free_descriptors(), Virtqueue::kSize);
  device.chains.clear();
}

TEST_F(VirtqueueTest, UsedEntriesForDescriptorsNotInFlightAreSkipped) {
  keel::Result<uint16_t> const head = add_one(keel_test::static_buffer(reply), BufferDirection::FromDevice);
  ASSERT_TRUE(head.is_ok());
  device.complete(99, 8);                          // no such descriptor
  device.complete((head.value() + 1U) % 8U, 8);  // a free descriptor
  EXPECT_TRUE(queue.take_used().is_none());
  EXPECT_EQ(queue.free_descriptors(), Virtqueue::kSize - 1U) << "nothing was freed by the bogus entries";

  device.complete(head.value(), 8);
  keel::Option<UsedChain> const used = queue.take_used();
  ASSERT_TRUE(used.is_some());
  EXPECT_EQ(used.value().head, head.value());
  device.complete(head.value(), 8);
  EXPECT_TRUE(queue.take_used().is_none()) << "a chain returned twice is taken back once";
}

TEST_F(VirtqueueTest, AnEmptyChainIsInvalid) {
  keel::Result<uint16_t> const empty = queue.add(Slice<VirtqueueBuffer>());
  ASSERT_TRUE(empty.is_error());
  EXPECT_EQ(empty.error(), ErrorCode::Inval);
}

TEST_F(VirtqueueTest, ARefusedChainKeepsItsBuffers) {
  uint8_t spare[kMaxChain + 1][2] = {};
  VirtqueueBuffer chain[kMaxChain + 1] = {};
  for (std::size_t i = 0; i <= kMaxChain; ++i) {
    chain[i] = {keel_test::static_buffer(spare[i]), BufferDirection::FromDevice};
  }
  keel::Result<uint16_t> const too_long = queue.add(Slice<VirtqueueBuffer>(chain));
  ASSERT_TRUE(too_long.is_error());
  EXPECT_EQ(too_long.error(), ErrorCode::Inval);
  for (std::size_t i = 0; i <= kMaxChain; ++i) { EXPECT_EQ(chain[i].bytes.size(), 2U) << i; }

  VirtqueueBuffer given_away[] = {{keel_test::static_buffer(reply), BufferDirection::FromDevice}, {}};
  keel::Result<uint16_t> const with_empty = queue.add(Slice<VirtqueueBuffer>(given_away));
  ASSERT_TRUE(with_empty.is_error()) << "an empty buffer (one moved away) is no descriptor";
  EXPECT_EQ(with_empty.error(), ErrorCode::Inval);
  EXPECT_EQ(given_away[0].bytes.size(), 8U);
  EXPECT_EQ(queue.free_descriptors(), Virtqueue::kSize) << "nothing was handed to the device";
  EXPECT_EQ(device.pending(), 0U);
}

TEST_F(VirtqueueTest, ABufferInFlightIsHeldByTheQueueUntilItsChainIsUsed) {
  ASSERT_TRUE(add_one(keel_test::static_buffer(reply), BufferDirection::FromDevice).is_ok());
  ASSERT_TRUE(add_one(keel_test::static_buffer(request), BufferDirection::ToDevice).is_ok());
  EXPECT_EQ(device.process(0x5A, 2), 2);
  keel::Option<UsedChain> const first = queue.take_used();
  keel::Option<UsedChain> const second = queue.take_used();
  ASSERT_TRUE(first.is_some() && second.is_some());
  ASSERT_EQ(first.value().count, 1U);
  ASSERT_EQ(second.value().count, 1U);
  EXPECT_EQ(first.value().buffers[0].slice().address(), Slice<uint8_t>(reply).address());
  EXPECT_EQ(second.value().buffers[0].slice().address(), Slice<uint8_t>(request).address())
      << "each chain gives back its own buffer";
  EXPECT_EQ(reply[1], 0x5A);

  // A device reset with a chain in flight: initialize() drops its buffer, and the used entry a confused device
  // still writes for it gives nothing back.
  ASSERT_TRUE(add_one(keel_test::static_buffer(reply), BufferDirection::FromDevice).is_ok());
  queue.initialize();
  device.complete(0, 8);
  EXPECT_TRUE(queue.take_used().is_none());
  EXPECT_EQ(queue.free_descriptors(), Virtqueue::kSize);
}

}  // namespace

namespace {

// initialize() skips zeroing memory nothing has written yet (the boot's first bring-up): what the device has written
// since it was given the rings is still zeroed by the next one.
TEST(VirtqueueInitialize, ZeroesWhatTheDeviceWroteAfterItWasGivenTheRings) {
  VirtqueueMemory memory;
  Virtqueue queue{keel_test::static_ref(memory)};
  queue.initialize();
  EXPECT_EQ(memory.used_index(), 0U) << "as constructed";
  keel_test::FakeVirtqueueDevice device{keel_test::programmed_addresses(queue.rings())};
  uint8_t reply[8] = {};
  VirtqueueBuffer chain[] = {{keel_test::static_buffer(reply), BufferDirection::FromDevice}};
  ASSERT_TRUE(queue.add(Slice<VirtqueueBuffer>(chain)).is_ok());
  EXPECT_EQ(device.process(0x11), 1);
  EXPECT_EQ(memory.used_index(), 1U);
  queue.initialize();
  EXPECT_EQ(memory.used_index(), 0U) << "the device's used ring zeroed again";
  EXPECT_EQ(queue.free_descriptors(), Virtqueue::kSize);
}

}  // namespace
