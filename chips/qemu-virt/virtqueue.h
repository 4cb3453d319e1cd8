// SPDX-License-Identifier: Apache-2.0
// One split virtqueue (virtio 1.1, section 2.6), driver side: hands chains of buffers to the device through the
// available ring and takes them back from the used ring, tracking which descriptors are free. The shared memory
// itself, and every access to it, is VirtqueueMemory's (virtqueue_memory.h, on virtqueue_shared.h's trusted
// accesses); this class is safe code.
//
// Setup (board): `KEEL_STATIC_INIT(Virtqueue, KEEL_STATIC_INIT(VirtqueueMemory))`; then the device driver calls
// queue.initialize() and passes queue.rings() (the static memory's rings) to VirtioMmio::setup_queue.
// Usage (device driver): add() a chain, notify the device, and on its interrupt take_used() until none.
//
// Buffers are not kept here: add() describes them to the device, and the driver then keeps each one (a
// StaticBuffer, move-only) in a cell of its own that stands for "the device has it" until the used entry, matched
// by the head descriptor index, gives it back.
#pragma once

#include "kernel/core/ref.h"
#include "chips/qemu-virt/virtqueue_memory.h"
#include "kernel/core/array.h"
#include "kernel/core/cell.h"
#include "kernel/core/option.h"
#include "kernel/core/result.h"
#include "kernel/core/slice.h"

namespace keel::chips::qemu_virt {

enum class BufferDirection : uint8_t {
  /// The device reads the buffer (a request).
  ToDevice,
  /// The device writes the buffer (a reply, entropy, received data).
  FromDevice,
};

struct VirtqueueBuffer {
  StaticBuffer<uint8_t> bytes;
  BufferDirection direction = BufferDirection::ToDevice;
};

/// A chain the device has finished with: its head descriptor and how many bytes the device wrote into it.
struct UsedBuffer {
  uint16_t head;
  uint32_t length;
};

class Virtqueue {
 public:
  static constexpr uint16_t kSize = kVirtqueueSize;

  explicit Virtqueue(StaticRef<VirtqueueMemory> memory);
  Virtqueue(Virtqueue const&) = delete;
  Virtqueue& operator=(Virtqueue const&) = delete;

  /// Empty rings, every descriptor free. Only before the queue is given to the device (or after a device reset).
  void initialize() const;
  /// The static memory's rings, for VirtioMmio::setup_queue.
  StaticRef<VirtqueueRings<kSize> const> rings() const;

  /// Makes `chain` available to the device as one descriptor chain, in order (section 2.6.13). Returns the head
  /// descriptor index. Errors: Inval (empty chain), NoMem (not enough free descriptors), Size (a buffer longer than
  /// a descriptor can describe). The caller then notifies the device.
  Result<uint16_t> add(Slice<VirtqueueBuffer const> chain) const;

  /// The next chain the device has returned, if any (section 2.6.14); its descriptors are free again. A used entry
  /// naming a descriptor that does not head a chain in flight (a device bug) is skipped.
  Option<UsedBuffer> take_used() const;

  usize free_descriptors() const;

 private:
  static constexpr uint32_t kAllFree = (1U << kSize) - 1U;
  static constexpr uint16_t kEndOfChain = 0xFFFF;

  void free_chain(uint16_t head) const;

  StaticRef<VirtqueueMemory> memory_;
  /// Bit d set: descriptor d is free.
  Cell<uint32_t> free_{kAllFree};
  /// Bit d set: descriptor d heads a chain the device holds.
  Cell<uint32_t> heads_in_flight_{0};
  /// The driver's own record of each chain's links, so freeing a chain never depends on shared memory.
  Array<Cell<uint16_t>, kSize> next_{};
  /// Free-running indices (modulo 2^16) of the next available entry to write and the next used entry to read.
  Cell<uint16_t> available_index_{0};
  Cell<uint16_t> used_index_{0};
};

}  // namespace keel::chips::qemu_virt
