// SPDX-License-Identifier: Apache-2.0
// The only accesses to memory a virtio device reads and writes behind the compiler's back (a split virtqueue, virtio
// 1.1 section 2.6): the rings' layout, volatile loads and stores of their integers, the fence that orders them
// (section 2.6.13), and the device-visible addresses. A descriptor takes its DMA address only from a static buffer;
// the transport's queue registers take ring addresses only from a VirtqueueAddresses (program_rings, which also
// checks where the untrusted register layout puts them), which only the rings of a
// static VirtqueueRings (a VirtqueueMemory) make. The rings' accessors and all their logic are safe code
// (virtqueue_memory.h).
//
// Every access is volatile because the device (another bus master; in QEMU, another thread) changes the used ring and
// reads the rest at times the compiler cannot see.
//
// TRUSTED: the layout the device relies on, the fence on device-shared memory, the rings' addresses as integers for
// the device.
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

/// Section 2.6.5 "The Virtqueue Descriptor Table", one entry (little-endian, as are RISC-V and the test hosts).
/// Address and length come together from one static buffer, so the device reaches only static memory, and only that
/// buffer. Flags other than Next and Write are dropped: Indirect would have the device take DMA addresses from the
/// buffer's bytes.
class VirtqDescriptor {
 public:
  void write(StaticBuffer<uint8_t> const& buffer, uint16_t flags, uint16_t next) {
    address_.set(buffer.slice().address());
    length_.set(static_cast<uint32_t>(buffer.size()));  // Virtqueue::add refuses longer; cut short, still inside
    flags_.set(static_cast<uint16_t>(flags & (kVirtqDescriptorNext | kVirtqDescriptorWrite)));
    next_.set(next);
  }

 private:
  DeviceShared<uint64_t> address_;
  DeviceShared<uint32_t> length_;
  DeviceShared<uint16_t> flags_;
  DeviceShared<uint16_t> next_;
};
static_assert(sizeof(VirtqDescriptor) == 16);

/// The three parts of one split virtqueue of `N` entries (section 2.6), aligned as table 2.6 requires: descriptor
/// table 16, available ring (driver area) 2, used ring (device area) 4. Nothing in them but descriptors of static
/// buffers and integers the device may overwrite; C arrays, so that the layout the device relies on is this file's
/// alone. VirtqueueMemory (virtqueue_memory.h) derives from it and adds the accessors, which reach the arrays through
/// Slice (bounds-checked); a VirtqueueAddresses is made from a static one.
template <uint16_t N> class VirtqueueRings {
  static_assert(N != 0 && N <= 32768 && (N & (N - 1U)) == 0, "a split virtqueue's size is a power of two");

 protected:
  /// Section 2.6.6 "The Virtqueue Available Ring". used_event is only for VIRTIO_F_EVENT_IDX (never negotiated).
  struct Available {
    DeviceShared<uint16_t> flags;
    DeviceShared<uint16_t> index;
    DeviceShared<uint16_t> ring[N];
    DeviceShared<uint16_t> used_event;
  };
  /// Section 2.6.8 "The Virtqueue Used Ring".
  struct UsedElement {
    DeviceShared<uint32_t> id;
    DeviceShared<uint32_t> length;
  };
  struct Used {
    DeviceShared<uint16_t> flags;
    DeviceShared<uint16_t> index;
    UsedElement ring[N];
    DeviceShared<uint16_t> avail_event;
  };
  static_assert(sizeof(Available) == 6 + 2 * N && sizeof(UsedElement) == 8);
  static_assert(sizeof(Used) == 8 + 8 * N);  // 6 + 8 * N, padded to its 4-byte alignment

  alignas(16) VirtqDescriptor descriptors_[N]{};
  alignas(2) Available available_{};
  alignas(4) Used used_{};

 private:
  friend class VirtqueueAddresses;
};

/// Where the rings of one static VirtqueueRings lie as the device sees them (physical; on these boards the kernel's
/// addresses are physical), for the transport's QueueDesc/QueueDriver/QueueDevice registers, and their size for
/// QueueNum. Only of() makes one, so a device is only ever given rings that live for the whole run.
class VirtqueueAddresses final {
 public:
  /// The rings of `memory`, a static VirtqueueMemory (or anything deriving from one VirtqueueRings<N>), and N.
  template <typename Memory> static VirtqueueAddresses of(StaticRef<Memory> memory) { return of_rings(memory.get()); }

  uint64_t descriptor_table() const { return descriptor_table_; }
  uint64_t driver_area() const { return driver_area_; }
  uint64_t device_area() const { return device_area_; }
  uint16_t size() const { return size_; }

 private:
  template <uint16_t N> static VirtqueueAddresses of_rings(VirtqueueRings<N> const& rings) {
    return VirtqueueAddresses(address(rings.descriptors_), address(rings.available_), address(rings.used_), N);
  }
  template <typename T> static uint64_t address(T const& part) {
    return reinterpret_cast<uintptr_t>(__builtin_addressof(part));
  }
  VirtqueueAddresses(uint64_t descriptor_table, uint64_t driver_area, uint64_t device_area, uint16_t size)
      : descriptor_table_(descriptor_table), driver_area_(driver_area), device_area_(device_area), size_(size) {}

  uint64_t descriptor_table_;
  uint64_t driver_area_;
  uint64_t device_area_;
  uint16_t size_;
};

/// A transport register that tells the device where its rings are, how large, or that they are ready to use
/// (QueueNum, QueueDesc/Driver/Device, QueueReady). Readable by anyone; written only by program_rings, from a
/// VirtqueueAddresses: so no code can point this DMA-capable device at anything but static rings.
class RingRegister {
 public:
  uint32_t get() const { return cell_.get(); }

 private:
  template <typename Block> friend void program_rings(Block& registers, VirtqueueAddresses const& rings);
  mmio::RegisterCell<uint32_t, mmio::Access::ReadWrite> cell_;
};

/// Points the selected queue of one transport at `rings` (QueueReady last). `Block` is the transport's register
/// layout (chips/qemu-virt/virtio_mmio_registers.h, untrusted): the registers the device takes ring addresses and
/// sizes from must be RingRegisters at the offsets virtio 1.1 section 4.2.2 gives them (members cannot overlap, so
/// no other register shares those bytes), and the block must be exactly one 4 KiB slot, so that in the slots' array
/// every block lines up with its own transport.
template <typename Block> void program_rings(Block& registers, VirtqueueAddresses const& rings) {
  static_assert(__is_standard_layout(Block) && sizeof(Block) == 0x1000, "one transport's slot, laid out as written");
  static_assert(__is_same(decltype(Block::queue_size), RingRegister) && offsetof(Block, queue_size) == 0x38 &&
                __is_same(decltype(Block::queue_ready), RingRegister) && offsetof(Block, queue_ready) == 0x44 &&
                __is_same(decltype(Block::queue_descriptor_low), RingRegister) &&
                offsetof(Block, queue_descriptor_low) == 0x80 &&
                __is_same(decltype(Block::queue_descriptor_high), RingRegister) &&
                offsetof(Block, queue_descriptor_high) == 0x84 &&
                __is_same(decltype(Block::queue_driver_low), RingRegister) && offsetof(Block, queue_driver_low) == 0x90 &&
                __is_same(decltype(Block::queue_driver_high), RingRegister) &&
                offsetof(Block, queue_driver_high) == 0x94 &&
                __is_same(decltype(Block::queue_device_low), RingRegister) && offsetof(Block, queue_device_low) == 0xA0 &&
                __is_same(decltype(Block::queue_device_high), RingRegister) &&
                offsetof(Block, queue_device_high) == 0xA4,
                "the ring registers where the device reads them");
  registers.queue_size.cell_.set(rings.size());
  registers.queue_descriptor_low.cell_.set(static_cast<uint32_t>(rings.descriptor_table()));
  registers.queue_descriptor_high.cell_.set(static_cast<uint32_t>(rings.descriptor_table() >> 32));
  registers.queue_driver_low.cell_.set(static_cast<uint32_t>(rings.driver_area()));
  registers.queue_driver_high.cell_.set(static_cast<uint32_t>(rings.driver_area() >> 32));
  registers.queue_device_low.cell_.set(static_cast<uint32_t>(rings.device_area()));
  registers.queue_device_high.cell_.set(static_cast<uint32_t>(rings.device_area() >> 32));
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
