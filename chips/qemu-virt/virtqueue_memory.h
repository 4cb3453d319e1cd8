// SPDX-License-Identifier: Apache-2.0
// The memory a virtio device reads and writes behind the compiler's back: one split virtqueue's descriptor table,
// available ring and used ring (virtio 1.1, section 2.6 "Split Virtqueues"), aligned as table 2.6 requires
// (descriptor table 16, available ring 2, used ring 4), and the only code that touches it. Virtqueue (virtqueue.h)
// keeps all the bookkeeping in the safe subset and calls these few accessors.
//
// Every access here is volatile, because the device (another bus master; in QEMU, another thread) changes the used
// ring and reads the rest at times the compiler cannot see. Fences order the accesses as section 2.6.13 asks: the
// descriptors and the ring entry before the available index that publishes them, that index before the notify
// register write, and the used index before the used entries it covers.
//
// Setup (board): `static VirtqueueMemory rng_queue_memory;` (in RAM, which the device can reach), handed to a
// Virtqueue.
//
// TRUSTED: volatile accesses and fences on device-shared memory, and taking the rings' addresses as integers for
// the device.
#pragma once

#include "kernel/core/array.h"
#include "kernel/core/types.h"

namespace keel::chips::qemu_virt {

/// Queue size of every Keel virtqueue: enough for a few requests in flight, a power of two as split rings need.
inline constexpr uint16_t kVirtqueueSize = 8;
static_assert((kVirtqueueSize & (kVirtqueueSize - 1U)) == 0, "a split virtqueue's size is a power of two");

/// Section 2.6.5 "The Virtqueue Descriptor Table". All fields little-endian, as are RISC-V and the test hosts.
struct VirtqDescriptor {
  uint64_t address;
  uint32_t length;
  uint16_t flags;
  uint16_t next;
};
/// Descriptor flags: the chain continues at `next`; the device writes (rather than reads) this buffer.
inline constexpr uint16_t kVirtqDescriptorNext = 1;
inline constexpr uint16_t kVirtqDescriptorWrite = 2;

/// Section 2.6.6 "The Virtqueue Available Ring" (the driver area).
struct VirtqAvailable {
  uint16_t flags;
  uint16_t index;
  Array<uint16_t, kVirtqueueSize> ring;
  /// Used only with VIRTIO_F_EVENT_IDX, which Keel never negotiates; part of the layout all the same.
  uint16_t used_event;
};

/// Section 2.6.8 "The Virtqueue Used Ring" (the device area).
struct VirtqUsedElement {
  uint32_t id;
  uint32_t length;
};
struct VirtqUsed {
  uint16_t flags;
  uint16_t index;
  Array<VirtqUsedElement, kVirtqueueSize> ring;
  uint16_t avail_event;
};

static_assert(sizeof(VirtqDescriptor) == 16);
static_assert(sizeof(VirtqAvailable) == 6 + 2 * kVirtqueueSize);
static_assert(sizeof(VirtqUsedElement) == 8);
static_assert(sizeof(VirtqUsed) == 8 + 8 * kVirtqueueSize);  // 6 + 8 * size, padded to its 4-byte alignment

/// Physical addresses of the three parts, for the transport's QueueDesc/QueueDriver/QueueDevice registers.
struct VirtqueueAddresses {
  uint64_t descriptor_table;
  uint64_t driver_area;
  uint64_t device_area;
};

class VirtqueueMemory {
 public:
  VirtqueueMemory() = default;
  VirtqueueMemory(VirtqueueMemory const&) = delete;
  VirtqueueMemory& operator=(VirtqueueMemory const&) = delete;

  /// Zeroes all three parts. Only while the device does not own the queue (before QueueReady).
  void clear() {
    for (VirtqDescriptor& descriptor : descriptors_) { write_descriptor_fields(descriptor, VirtqDescriptor{}); }
    store(available_.flags, uint16_t{0});
    store(available_.index, uint16_t{0});
    for (uint16_t& entry : available_.ring) { store(entry, uint16_t{0}); }
    store(available_.used_event, uint16_t{0});
    store(used_.flags, uint16_t{0});
    store(used_.index, uint16_t{0});
    for (VirtqUsedElement& element : used_.ring) {
      store(element.id, uint32_t{0});
      store(element.length, uint32_t{0});
    }
    store(used_.avail_event, uint16_t{0});
    fence();
  }

  void write_descriptor(uint16_t index, VirtqDescriptor const& descriptor) {
    write_descriptor_fields(descriptors_[index], descriptor);
  }

  /// Writes one available-ring entry; the device ignores it until publish_available_index covers it.
  void write_available_entry(uint16_t slot, uint16_t head) { store(available_.ring[slot], head); }

  /// Hands the entries before `index` to the device. The caller notifies the device afterwards.
  void publish_available_index(uint16_t index) {
    fence();
    store(available_.index, index);
    fence();
  }

  /// How many used entries the device has written in total (modulo 2^16).
  uint16_t used_index() const {
    uint16_t const index = load(used_.index);
    fence();
    return index;
  }

  VirtqUsedElement used_element(uint16_t slot) const {
    VirtqUsedElement const& element = used_.ring[slot];
    return VirtqUsedElement{load(element.id), load(element.length)};
  }

  VirtqueueAddresses addresses() const {
    return VirtqueueAddresses{address_of(descriptors_), address_of(available_), address_of(used_)};
  }

 private:
  template <typename T> static void store(T& location, T value) { static_cast<T volatile&>(location) = value; }
  template <typename T> static T load(T const& location) { return static_cast<T const volatile&>(location); }
  template <typename T> static uint64_t address_of(T const& object) { return reinterpret_cast<uintptr_t>(&object); }

  static void write_descriptor_fields(VirtqDescriptor& descriptor, VirtqDescriptor const& value) {
    store(descriptor.address, value.address);
    store(descriptor.length, value.length);
    store(descriptor.flags, value.flags);
    store(descriptor.next, value.next);
  }

  static void fence() {
#if defined(__riscv)
    // Orders both memory and device I/O (the notify register) in both directions.
    asm volatile("fence iorw, iorw" ::: "memory");
#else
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
#endif
  }

  alignas(16) Array<VirtqDescriptor, kVirtqueueSize> descriptors_{};
  alignas(2) VirtqAvailable available_{};
  alignas(4) VirtqUsed used_{};
};

}  // namespace keel::chips::qemu_virt
