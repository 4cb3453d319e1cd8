// SPDX-License-Identifier: Apache-2.0
// The memory a virtio device reads and writes behind the compiler's back (a split virtqueue, virtio 1.1 section 2.6),
// as far as memory safety depends on it: a descriptor takes its DMA address and length only from a static buffer;
// the rings are register cells, whose every access is one volatile load or store; the transport's queue
// registers take ring addresses and the ring size only from the static rings themselves (program_rings), and the
// device is never offered a feature that makes it read the rings differently (accept_features), both after checking
// where the untrusted register layout puts those registers; and the fence that orders the accesses (section 2.6.13).
//
// What each cell of the available and used rings means (their field layout, sections 2.6.6 and 2.6.8) is untrusted
// code's business (virtqueue_memory.h): whatever it writes there, the device only reads ring indices from it, and
// whatever the device writes there is an integer in a cell of the rings, read by a volatile load.
//
// TRUSTED: the descriptor table the device takes DMA addresses from, the size and alignment of the parts the device
// reads and writes, the fence on device-shared memory, the rings' addresses as integers for the device, the driver
// features that fix the ring format.
#pragma once

#include <stddef.h>

#include "kernel/core/ref.h"
#include "kernel/core/register_cell.h"
#include "kernel/core/slice.h"
#include "kernel/core/types.h"

namespace keel::chips::qemu_virt {

/// An integer in device-shared memory: loaded and stored whole, as one volatile access each, like a register.
template <typename T> using DeviceShared = mmio::RegisterCell<T, mmio::Access::ReadWrite>;

/// Descriptor flags: the chain continues at `next`; the device writes (rather than reads) this buffer.
inline constexpr uint16_t kVirtqDescriptorNext = 1;
inline constexpr uint16_t kVirtqDescriptorWrite = 2;

/// The three parts of one split virtqueue of `N` entries (section 2.6), as large and aligned as table 2.6 requires:
/// descriptor table 16 bytes per entry, aligned 16; available ring (driver area) 6 + 2 * N bytes, aligned 2; used ring
/// (device area) 6 + 8 * N bytes, aligned 4 (here 8 + 8 * N: whole words). Nothing in them but register cells, C
/// arrays, so that their size is this file's alone. VirtqueueMemory (virtqueue_memory.h) derives from it and gives
/// the ring cells their meaning, through Slice (bounds-checked); program_rings takes a static one.
template <uint16_t N> class VirtqueueRings {
  static_assert(N != 0 && N <= 32768 && (N & (N - 1U)) == 0, "a split virtqueue's size is a power of two");

 private:
  template <typename Block, uint16_t M> friend void program_rings(Block&, StaticRef<VirtqueueRings<M> const>);
  /// Section 2.6.5, four words per entry (little-endian, as are RISC-V and the test hosts): the buffer's address
  /// (low word, high word), its length, then flags in the low and next in the high half. Written only by
  /// write_descriptor, so the device takes DMA addresses from static buffers alone.
  alignas(16) DeviceShared<uint32_t> descriptors_[4 * N]{};

 protected:
  alignas(2) DeviceShared<uint16_t> available_[3 + N]{};
  alignas(4) DeviceShared<uint32_t> used_[2 + 2 * N]{};

 public:
  /// Descriptor `index` describes `buffer`, address and length together, so the device reaches only static memory,
  /// and only that buffer. Flags other than Next and Write are dropped: Indirect would have the device take DMA
  /// addresses from the buffer's bytes.
  void write_descriptor(uint16_t index, StaticBuffer<uint8_t> const& buffer, uint16_t flags, uint16_t next) {
    Slice<DeviceShared<uint32_t>> const entry = Slice<DeviceShared<uint32_t>>(descriptors_).skip(4U * index).first(4);
    uint64_t const address = buffer.slice().address();
    entry[0].set(static_cast<uint32_t>(address));
    entry[1].set(static_cast<uint32_t>(address >> 32));
    entry[2].set(static_cast<uint32_t>(buffer.size()));  // Virtqueue::add refuses longer; cut short, still inside
    entry[3].set((flags & (kVirtqDescriptorNext | kVirtqDescriptorWrite)) | (uint32_t{next} << 16));
  }
  /// Every descriptor describes no buffer (address, length, flags and next all 0).
  void clear_descriptors() {
    for (DeviceShared<uint32_t>& word : descriptors_) { word.set(0); }
  }
};

/// A transport register that decides how the device reads and writes memory: which features, and so which ring
/// format, it uses (DriverFeatures, DriverFeaturesSel), where its rings are, how large, and that they are ready to use
/// (QueueNum, QueueDesc/Driver/Device, QueueReady), and the legacy interface's GuestPageSize, QueueAlign and QueuePFN,
/// which nothing writes. Readable by anyone; written only by accept_features and program_rings: so no code can point
/// this DMA-capable device at anything but static split rings.
class RingRegister {
 public:
  uint32_t get() const { return cell_.get(); }

 private:
  template <typename Block> friend uint64_t accept_features(Block&, uint64_t);
  template <typename Block, uint16_t N> friend void program_rings(Block&, StaticRef<VirtqueueRings<N> const>);
  mmio::RegisterCell<uint32_t, mmio::Access::ReadWrite> cell_;
};

/// Whether `Block`, a transport's register layout (chips/qemu-virt/virtio_mmio_registers.h, untrusted), has
/// RingRegisters at the offsets virtio 1.1 sections 4.2.2 and 4.2.4 (legacy) give them (members cannot overlap, so no
/// other register shares those bytes), and is exactly one 4 KiB slot, so that in the slots' array every block lines
/// up with its own transport.
template <typename Block>
inline constexpr bool kRingRegistersInPlace =
    __is_standard_layout(Block) && sizeof(Block) == 0x1000 &&
    __is_same(decltype(Block::driver_features), RingRegister) && offsetof(Block, driver_features) == 0x20 &&
    __is_same(decltype(Block::driver_features_select), RingRegister) && offsetof(Block, driver_features_select) == 0x24 &&
    __is_same(decltype(Block::queue_size), RingRegister) && offsetof(Block, queue_size) == 0x38 &&
    __is_same(decltype(Block::queue_ready), RingRegister) && offsetof(Block, queue_ready) == 0x44 &&
    __is_same(decltype(Block::queue_descriptor_low), RingRegister) && offsetof(Block, queue_descriptor_low) == 0x80 &&
    __is_same(decltype(Block::queue_descriptor_high), RingRegister) && offsetof(Block, queue_descriptor_high) == 0x84 &&
    __is_same(decltype(Block::queue_driver_low), RingRegister) && offsetof(Block, queue_driver_low) == 0x90 &&
    __is_same(decltype(Block::queue_driver_high), RingRegister) && offsetof(Block, queue_driver_high) == 0x94 &&
    __is_same(decltype(Block::queue_device_low), RingRegister) && offsetof(Block, queue_device_low) == 0xA0 &&
    __is_same(decltype(Block::queue_device_high), RingRegister) && offsetof(Block, queue_device_high) == 0xA4 &&
    // The legacy interface's ring address registers (virtio 1.1 section 4.2.4: GuestPageSize, QueueAlign, QueuePFN),
    // which a version 1 transport (QEMU's unless run with force-legacy=false, which nothing here can check) takes the
    // rings' page from: RingRegisters too, which nothing writes, so no other register of the layout is at their
    // offsets (escape 456).
    __is_same(decltype(Block::legacy_guest_page_size), RingRegister) && offsetof(Block, legacy_guest_page_size) == 0x28 &&
    __is_same(decltype(Block::legacy_queue_align), RingRegister) && offsetof(Block, legacy_queue_align) == 0x3C &&
    __is_same(decltype(Block::legacy_queue_pfn), RingRegister) && offsetof(Block, legacy_queue_pfn) == 0x40;

/// Tells the device which of its features the driver accepts: of `features`, the device-type ones (bits 0 to 23) and
/// VERSION_1 (bit 32), never the other ring and transport features (virtio 1.1 section 6), which change how the
/// device reads the rings: VIRTIO_F_RING_PACKED (bit 34) would have it read a split descriptor's `next` as the
/// descriptor's flags, Indirect among them (DMA addresses from a buffer's bytes). Returns the features accepted.
template <typename Block> uint64_t accept_features(Block& registers, uint64_t features) {
  static_assert(kRingRegistersInPlace<Block>, "the ring registers where the device reads them");
  uint64_t const accepted = features & (0xFF'FFFFU | uint64_t{1} << 32);
  registers.driver_features_select.cell_.set(0);
  registers.driver_features.cell_.set(static_cast<uint32_t>(accepted));
  registers.driver_features_select.cell_.set(1);
  registers.driver_features.cell_.set(static_cast<uint32_t>(accepted >> 32));
  return accepted;
}

/// Points the selected queue of one transport at the static `rings` (where the device sees them: physical, which on
/// these boards the kernel's addresses are), and their size N; QueueReady last.
template <typename Block, uint16_t N> void program_rings(Block& registers, StaticRef<VirtqueueRings<N> const> rings) {
  static_assert(kRingRegistersInPlace<Block>, "the ring registers where the device reads them");
  uint64_t const table = Slice<DeviceShared<uint32_t> const>(rings->descriptors_).address();
  uint64_t const driver_area = Slice<DeviceShared<uint16_t> const>(rings->available_).address();
  uint64_t const device_area = Slice<DeviceShared<uint32_t> const>(rings->used_).address();
  registers.queue_size.cell_.set(N);
  registers.queue_descriptor_low.cell_.set(static_cast<uint32_t>(table));
  registers.queue_descriptor_high.cell_.set(static_cast<uint32_t>(table >> 32));
  registers.queue_driver_low.cell_.set(static_cast<uint32_t>(driver_area));
  registers.queue_driver_high.cell_.set(static_cast<uint32_t>(driver_area >> 32));
  registers.queue_device_low.cell_.set(static_cast<uint32_t>(device_area));
  registers.queue_device_high.cell_.set(static_cast<uint32_t>(device_area >> 32));
  registers.queue_ready.cell_.set(1);
}

/// Orders device-shared memory and device I/O (the notify register) in both directions.
inline void device_fence() {
#if defined(__riscv)
  asm volatile("fence iorw, iorw" ::: "memory");
#else
  __atomic_thread_fence(__ATOMIC_SEQ_CST);
#endif
}

}  // namespace keel::chips::qemu_virt
