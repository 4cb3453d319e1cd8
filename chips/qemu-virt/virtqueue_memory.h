// SPDX-License-Identifier: Apache-2.0
// The memory one split virtqueue shares with its virtio device (virtio 1.1, section 2.6 "Split Virtqueues"): the
// descriptor table, available ring and used ring of a VirtqueueRings (laid out and aligned in virtqueue_shared.h), and
// the accessors Virtqueue (virtqueue.h) uses. Safe code: every access to the memory is one of virtqueue_shared.h's
// (trusted) volatile loads and stores, and a descriptor's buffer can only be a static one.
//
// Fences order the accesses as section 2.6.13 asks: the descriptors and the ring entry before the available index
// that publishes them, that index before the notify register write, and the used index before the used entries it
// covers.
//
// Setup (board): `KEEL_STATIC_INIT(VirtqueueMemory)` (in RAM, which the device can reach), handed to a Virtqueue. The
// device learns where the rings are only from VirtqueueAddresses::of(that StaticRef).
#pragma once

#include "chips/qemu-virt/virtqueue_shared.h"
#include "kernel/core/slice.h"
#include "kernel/core/types.h"

namespace keel::chips::qemu_virt {

/// Queue size of every Keel virtqueue: enough for a few requests in flight, a power of two as split rings need
/// (VirtqueueRings checks).
inline constexpr uint16_t kVirtqueueSize = 8;

/// One used entry as read from the used ring (section 2.6.8).
struct VirtqUsedElement {
  uint32_t id;
  uint32_t length;
};

/// The rings of one Keel virtqueue (kVirtqueueSize entries) and every access Virtqueue makes to them.
class VirtqueueMemory : public VirtqueueRings<kVirtqueueSize> {
 public:
  VirtqueueMemory() = default;
  VirtqueueMemory(VirtqueueMemory const&) = delete;
  VirtqueueMemory& operator=(VirtqueueMemory const&) = delete;

  /// Zeroes all three parts. Only while the device does not own the queue (before QueueReady).
  void clear() {
    for (VirtqDescriptor& descriptor : Slice<VirtqDescriptor>(descriptors_)) {
      descriptor.write(StaticBuffer<uint8_t>(), 0, 0);
    }
    available_.flags.set(0);
    available_.index.set(0);
    for (DeviceShared<uint16_t>& entry : Slice<DeviceShared<uint16_t>>(available_.ring)) { entry.set(0); }
    available_.used_event.set(0);
    used_.flags.set(0);
    used_.index.set(0);
    for (UsedElement& element : Slice<UsedElement>(used_.ring)) {
      element.id.set(0);
      element.length.set(0);
    }
    used_.avail_event.set(0);
    device_fence();
  }

  /// Descriptor `index` describes `buffer`; `flags` are kVirtqDescriptorNext and kVirtqDescriptorWrite.
  void write_descriptor(uint16_t index, StaticBuffer<uint8_t> const& buffer, uint16_t flags, uint16_t next) {
    Slice<VirtqDescriptor>(descriptors_)[index].write(buffer, flags, next);
  }

  /// Writes one available-ring entry; the device ignores it until publish_available_index covers it.
  void write_available_entry(uint16_t slot, uint16_t head) {
    Slice<DeviceShared<uint16_t>>(available_.ring)[slot].set(head);
  }

  /// Hands the entries before `index` to the device. The caller notifies the device afterwards.
  void publish_available_index(uint16_t index) {
    device_fence();
    available_.index.set(index);
    device_fence();
  }

  /// How many used entries the device has written in total (modulo 2^16).
  uint16_t used_index() const {
    uint16_t const index = used_.index.get();
    device_fence();
    return index;
  }

  VirtqUsedElement used_element(uint16_t slot) const {
    UsedElement const& element = Slice<UsedElement const>(used_.ring)[slot];
    return VirtqUsedElement{element.id.get(), element.length.get()};
  }
};

}  // namespace keel::chips::qemu_virt
