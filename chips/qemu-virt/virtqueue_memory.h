// SPDX-License-Identifier: Apache-2.0
// The memory one split virtqueue shares with its virtio device (virtio 1.1, section 2.6 "Split Virtqueues"): the
// descriptor table, available ring and used ring of a VirtqueueRings (sized and aligned in virtqueue_shared.h), the
// field layout of the two rings, and the accessors Virtqueue (virtqueue.h) uses. Safe code: every access to the memory
// is a volatile load or store of one of VirtqueueRings' register cells, through a bounds-checked Slice, and a
// descriptor's buffer can only be a static one. A wrong index here gives the device wrong ring entries (it checks
// the descriptor indices it reads against the queue size) or the driver a wrong integer (which Virtqueue checks), never
// memory outside the rings.
//
// Fences order the accesses as section 2.6.13 asks: the descriptors and the ring entry before the available index
// that publishes them, that index before the notify register write, and the used index before the used entries it
// covers.
//
// Setup (board): `KEEL_STATIC_INIT(VirtqueueMemory)` (in RAM, which the device can reach), handed to a Virtqueue. The
// device learns where the rings are only from program_rings, given that StaticRef (VirtioMmio::setup_queue).
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

/// The rings of one Keel virtqueue (kVirtqueueSize entries) and every access Virtqueue makes to them. The field
/// layout of the available and used rings is here: which of VirtqueueRings' cells is which field.
class VirtqueueMemory : public VirtqueueRings<kVirtqueueSize> {
 public:
  VirtqueueMemory() = default;
  VirtqueueMemory(VirtqueueMemory const&) = delete;
  VirtqueueMemory& operator=(VirtqueueMemory const&) = delete;

  /// Zeroes all three parts. Only while the device does not own the queue (before QueueReady).
  void clear() {
    clear_descriptors();
    for (DeviceShared<uint16_t>& cell : Slice<DeviceShared<uint16_t>>(available_)) { cell.set(0); }
    for (DeviceShared<uint32_t>& cell : Slice<DeviceShared<uint32_t>>(used_)) { cell.set(0); }
    device_fence();
  }

  /// Writes one available-ring entry; the device ignores it until publish_available_index covers it.
  void write_available_entry(uint16_t slot, uint16_t head) {
    Slice<DeviceShared<uint16_t>>(available_)[kAvailableRing + slot].set(head);
  }

  /// Hands the entries before `index` to the device. The caller notifies the device afterwards.
  void publish_available_index(uint16_t index) {
    device_fence();
    Slice<DeviceShared<uint16_t>>(available_)[kAvailableIndex].set(index);
    device_fence();
  }

  /// How many used entries the device has written in total (modulo 2^16).
  uint16_t used_index() const {
    auto const index = static_cast<uint16_t>(Slice<DeviceShared<uint32_t> const>(used_)[kUsedHeader].get() >> 16);
    device_fence();
    return index;
  }

  VirtqUsedElement used_element(uint16_t slot) const {
    Slice<DeviceShared<uint32_t> const> const used(used_);
    return VirtqUsedElement{used[kUsedRing + 2U * slot].get(), used[kUsedRing + 2U * slot + 1U].get()};
  }

 private:
  /// The available ring's 16-bit cells (section 2.6.6): flags, index, the ring of kSize entries, used_event (only for
  /// VIRTIO_F_EVENT_IDX, never negotiated).
  static constexpr usize kAvailableIndex = 1;
  static constexpr usize kAvailableRing = 2;
  /// The used ring's 32-bit cells (section 2.6.8, little-endian): flags in the low and index in the high half of the
  /// first, then each entry's id and length, then avail_event (unused) in the low half of the last.
  static constexpr usize kUsedHeader = 0;
  static constexpr usize kUsedRing = 1;
};

}  // namespace keel::chips::qemu_virt
