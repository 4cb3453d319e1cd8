// The virtio-mmio transport's queue setup against one transport register block in ordinary memory: the queue
// registers get exactly the rings of a static VirtqueueMemory and its size, which program_rings takes only as a
// StaticRef (which only static allocation makes).
#include "chips/qemu-virt/virtio_mmio.h"

#include <gtest/gtest.h>

#include <cstring>
#include <type_traits>

#include "chips/qemu-virt/virtqueue_memory.h"
#include "fake_registers.h"

namespace {

using keel::ErrorCode;
using keel::Result;
using keel::StaticRef;
using keel::chips::qemu_virt::kVirtqDescriptorWrite;
using keel::chips::qemu_virt::kVirtqueueSize;
using keel::chips::qemu_virt::VirtioMmio;
using keel::chips::qemu_virt::VirtioMmioRegisters;
using keel::chips::qemu_virt::VirtqueueRings;
using keel::chips::qemu_virt::VirtqueueMemory;

// Rings reach the device only as a StaticRef, which only static allocation makes: not from a plain reference to
// rings, not from an integer.
using StaticRings = StaticRef<VirtqueueRings<kVirtqueueSize> const>;
template <typename T> concept SetsUpFrom = requires(VirtioMmio const& transport, T rings) { transport.setup_queue(0, rings); };
static_assert(SetsUpFrom<StaticRef<VirtqueueMemory>>);
static_assert(SetsUpFrom<StaticRef<VirtqueueMemory const>>);
static_assert(!SetsUpFrom<VirtqueueMemory&>);
static_assert(!SetsUpFrom<uint64_t>);
template <typename T> concept ProgramsFrom = requires(VirtioMmioRegisters& block, T rings) { program_rings(block, rings); };
static_assert(ProgramsFrom<StaticRings>);
static_assert(!ProgramsFrom<VirtqueueMemory&>);
static_assert(!ProgramsFrom<VirtqueueRings<kVirtqueueSize> const&>);
static_assert(!std::is_constructible_v<StaticRings, VirtqueueMemory&>);
static_assert(!std::is_constructible_v<StaticRings, uintptr_t>);

constexpr std::size_t kDeviceFeatures = 0x010;
constexpr std::size_t kDriverFeatures = 0x020;
constexpr std::size_t kDriverFeaturesSelect = 0x024;
constexpr std::size_t kQueueSelect = 0x030;
constexpr std::size_t kQueueSizeMax = 0x034;
constexpr std::size_t kQueueSize = 0x038;
constexpr std::size_t kQueueReady = 0x044;
constexpr std::size_t kQueueDescriptorLow = 0x080;
constexpr std::size_t kQueueDriverLow = 0x090;
constexpr std::size_t kQueueDeviceLow = 0x0A0;

// Where the parts lie inside VirtqueueMemory (virtio 1.1 table 2.6 and sections 2.6.5-2.6.8, queue size 8): the
// descriptor table (16 bytes per entry) first, the available ring after it, the used ring at the next 4-byte boundary.
constexpr std::size_t kDriverAreaOffset = 16 * kVirtqueueSize;
constexpr std::size_t kDeviceAreaOffset = (kDriverAreaOffset + 6 + 2 * kVirtqueueSize + 3) / 4 * 4;
static_assert(sizeof(VirtqueueMemory) >= kDeviceAreaOffset + 6 + 8 * kVirtqueueSize);

// Static storage, as a board's KEEL_STATIC_INIT(VirtqueueMemory) is.
VirtqueueMemory queue_memory;
uint8_t reply[16] = {};

uint64_t address_of(void const* object) { return reinterpret_cast<uintptr_t>(object); }

class VirtioMmioQueueTest : public ::testing::Test {
 protected:
  void SetUp() override {
    keel_test::poke32(*registers, kQueueSizeMax, kVirtqueueSize);
    queue_memory.clear();
  }

  uint64_t programmed(std::size_t low) const {
    return (static_cast<uint64_t>(keel_test::peek32(*registers, low + 4)) << 32) | keel_test::peek32(*registers, low);
  }

  /// The bytes at a programmed address, read as the device reads them.
  template <typename T> static T device_reads(uint64_t address) {
    T value{};
    std::memcpy(&value, reinterpret_cast<void const*>(static_cast<uintptr_t>(address)), sizeof value);
    return value;
  }
  template <typename T> static void device_writes(uint64_t address, T value) {
    std::memcpy(reinterpret_cast<void*>(static_cast<uintptr_t>(address)), &value, sizeof value);
  }

  std::unique_ptr<VirtioMmioRegisters> registers = keel_test::make_register_block<VirtioMmioRegisters>();
  VirtioMmio transport{keel_test::static_ref(*registers)};
};

TEST_F(VirtioMmioQueueTest, TheQueueRegistersGetTheRingsOfTheStaticMemory) {
  ASSERT_TRUE(transport.setup_queue(3, keel_test::static_ref(queue_memory)).is_ok());
  EXPECT_EQ(keel_test::peek32(*registers, kQueueSelect), 3U);
  EXPECT_EQ(keel_test::peek32(*registers, kQueueSize), kVirtqueueSize) << "the size of the memory's type";
  EXPECT_EQ(keel_test::peek32(*registers, kQueueReady), 1U);

  uint64_t const memory = address_of(&queue_memory);
  EXPECT_EQ(programmed(kQueueDescriptorLow), memory);
  EXPECT_EQ(programmed(kQueueDriverLow), memory + kDriverAreaOffset);
  EXPECT_EQ(programmed(kQueueDeviceLow), memory + kDeviceAreaOffset);
  EXPECT_EQ(programmed(kQueueDescriptorLow) % 16, 0U);
  EXPECT_EQ(programmed(kQueueDriverLow) % 2, 0U);
  EXPECT_EQ(programmed(kQueueDeviceLow) % 4, 0U);
}

TEST_F(VirtioMmioQueueTest, TheDeviceSeesTheDriversRingsAtTheProgrammedAddresses) {
  ASSERT_TRUE(transport.setup_queue(0, keel_test::static_ref(queue_memory)).is_ok());
  uint64_t const descriptors = programmed(kQueueDescriptorLow);
  uint64_t const driver_area = programmed(kQueueDriverLow);
  uint64_t const device_area = programmed(kQueueDeviceLow);

  // Descriptor 2 (16 bytes each): address, length, flags, next.
  queue_memory.write_descriptor(2, keel_test::static_buffer(reply), kVirtqDescriptorWrite, 0);
  EXPECT_EQ(device_reads<uint64_t>(descriptors + 2 * 16), address_of(reply));
  EXPECT_EQ(device_reads<uint32_t>(descriptors + 2 * 16 + 8), sizeof reply);
  EXPECT_EQ(device_reads<uint16_t>(descriptors + 2 * 16 + 12), kVirtqDescriptorWrite);

  // Available ring: flags, index, then the entries.
  queue_memory.write_available_entry(5, 2);
  queue_memory.publish_available_index(6);
  EXPECT_EQ(device_reads<uint16_t>(driver_area + 4 + 2 * 5), 2U);
  EXPECT_EQ(device_reads<uint16_t>(driver_area + 2), 6U);

  // Used ring: flags, index, then (id, length) entries, written by the device.
  device_writes<uint32_t>(device_area + 4 + 8 * 1, 2);
  device_writes<uint32_t>(device_area + 4 + 8 * 1 + 4, 11);
  device_writes<uint16_t>(device_area + 2, 2);
  EXPECT_EQ(queue_memory.used_index(), 2U);
  EXPECT_EQ(queue_memory.used_element(1).id, 2U);
  EXPECT_EQ(queue_memory.used_element(1).length, 11U);
}

TEST_F(VirtioMmioQueueTest, RingsLargerThanTheDeviceTakesAreRefusedAndNothingIsProgrammed) {
  keel_test::poke32(*registers, kQueueSizeMax, kVirtqueueSize / 2);
  Result<void> const setup = transport.setup_queue(0, keel_test::static_ref(queue_memory));
  ASSERT_TRUE(setup.is_error());
  EXPECT_EQ(setup.error(), ErrorCode::Size);
  EXPECT_EQ(keel_test::peek32(*registers, kQueueSize), 0U);
  EXPECT_EQ(programmed(kQueueDescriptorLow), 0U);
  EXPECT_EQ(programmed(kQueueDriverLow), 0U);
  EXPECT_EQ(programmed(kQueueDeviceLow), 0U);
  EXPECT_EQ(keel_test::peek32(*registers, kQueueReady), 0U);
}

TEST_F(VirtioMmioQueueTest, AQueueTheDeviceLacksOrOneAlreadyLiveIsLeftAlone) {
  StaticRings const rings = keel_test::static_ref(queue_memory);
  keel_test::poke32(*registers, kQueueSizeMax, 0);
  EXPECT_EQ(transport.setup_queue(0, rings).error(), ErrorCode::NoDevice);
  keel_test::poke32(*registers, kQueueSizeMax, kVirtqueueSize);
  keel_test::poke32(*registers, kQueueReady, 1);
  EXPECT_EQ(transport.setup_queue(0, rings).error(), ErrorCode::Already);
  EXPECT_EQ(programmed(kQueueDescriptorLow), 0U);
}

// VIRTIO_F_RING_PACKED (bit 34) would have the device read a split descriptor's `next` as its flags (Indirect among
// them): whatever the driver asks for, only device-type features and VERSION_1 reach the device.
TEST_F(VirtioMmioQueueTest, NoRingOrTransportFeatureButVersionOneIsEverAccepted) {
  keel_test::poke32(*registers, kDeviceFeatures, 0xFFFF'FFFFU);  // plain memory: the same word for both selects
  Result<uint64_t> const accepted = transport.negotiate(~uint64_t{0});
  ASSERT_TRUE(accepted.is_ok());
  EXPECT_EQ(accepted.value(), 0x1'00FF'FFFFU);
  EXPECT_EQ(keel_test::peek32(*registers, kDriverFeaturesSelect), 1U) << "the high word was written last";
  EXPECT_EQ(keel_test::peek32(*registers, kDriverFeatures), 1U) << "of bits 32-63 only VERSION_1";

  EXPECT_EQ(keel::chips::qemu_virt::accept_features(*registers, uint64_t{1} << 34 | 1U << 28 | 1U << 29 | 5U), 5U);
  EXPECT_EQ(keel_test::peek32(*registers, kDriverFeatures), 0U) << "no packed ring";
}

}  // namespace
