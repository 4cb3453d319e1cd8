// The virtio-mmio transport's queue setup against one transport register block in ordinary memory: the queue
// registers get exactly the rings of a static VirtqueueMemory and its size, from a VirtqueueAddresses, which nothing
// but VirtqueueAddresses::of (from a StaticRef to the memory) makes.
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
using keel::chips::qemu_virt::VirtqueueAddresses;
using keel::chips::qemu_virt::VirtqueueMemory;

// Untrusted code can only copy a VirtqueueAddresses that VirtqueueAddresses::of made: no default, no integers, no
// aggregate or braced initialisation, no assignment from integers, no derived class to reach a constructor.
static_assert(!std::is_default_constructible_v<VirtqueueAddresses>);
static_assert(!std::is_constructible_v<VirtqueueAddresses, uint64_t, uint64_t, uint64_t, uint16_t>);
static_assert(!std::is_constructible_v<VirtqueueAddresses, uint64_t, uint64_t, uint64_t>);
static_assert(!std::is_constructible_v<VirtqueueAddresses, uint64_t>);
static_assert(!std::is_aggregate_v<VirtqueueAddresses>);
template <typename T> concept BracedFromIntegers = requires { T{uint64_t{0x1000}, uint64_t{0x2000}, uint64_t{0x3000}, uint16_t{8}}; };
static_assert(!BracedFromIntegers<VirtqueueAddresses>);
static_assert(!std::is_assignable_v<VirtqueueAddresses&, uint64_t>);
static_assert(std::is_final_v<VirtqueueAddresses>);
static_assert(std::is_trivially_copyable_v<VirtqueueAddresses>);
// Only from static memory: a plain reference to rings is not enough.
template <typename T> concept MakesAddresses = requires(T memory) { VirtqueueAddresses::of(memory); };
static_assert(MakesAddresses<StaticRef<VirtqueueMemory>>);
static_assert(MakesAddresses<StaticRef<VirtqueueMemory const>>);
static_assert(!MakesAddresses<VirtqueueMemory&>);

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
  ASSERT_TRUE(transport.setup_queue(3, VirtqueueAddresses::of(keel_test::static_ref(queue_memory))).is_ok());
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
  ASSERT_TRUE(transport.setup_queue(0, VirtqueueAddresses::of(keel_test::static_ref(queue_memory))).is_ok());
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
  Result<void> const setup = transport.setup_queue(0, VirtqueueAddresses::of(keel_test::static_ref(queue_memory)));
  ASSERT_TRUE(setup.is_error());
  EXPECT_EQ(setup.error(), ErrorCode::Size);
  EXPECT_EQ(keel_test::peek32(*registers, kQueueSize), 0U);
  EXPECT_EQ(programmed(kQueueDescriptorLow), 0U);
  EXPECT_EQ(programmed(kQueueDriverLow), 0U);
  EXPECT_EQ(programmed(kQueueDeviceLow), 0U);
  EXPECT_EQ(keel_test::peek32(*registers, kQueueReady), 0U);
}

TEST_F(VirtioMmioQueueTest, AQueueTheDeviceLacksOrOneAlreadyLiveIsLeftAlone) {
  VirtqueueAddresses const rings = VirtqueueAddresses::of(keel_test::static_ref(queue_memory));
  keel_test::poke32(*registers, kQueueSizeMax, 0);
  EXPECT_EQ(transport.setup_queue(0, rings).error(), ErrorCode::NoDevice);
  keel_test::poke32(*registers, kQueueSizeMax, kVirtqueueSize);
  keel_test::poke32(*registers, kQueueReady, 1);
  EXPECT_EQ(transport.setup_queue(0, rings).error(), ErrorCode::Already);
  EXPECT_EQ(programmed(kQueueDescriptorLow), 0U);
}

}  // namespace
