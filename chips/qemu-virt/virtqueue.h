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
// The queue owns what the device owns: add() moves each buffer of the chain (a StaticBuffer, move-only) into the
// cell of the descriptor that describes it, and take_used() moves them out again, in the chain's order, when the
// used entry names the chain's head. So no driver code holds a buffer (or can take a view of it) while the device
// may read or write it, and a buffer is never given to the device twice.
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

/// The most buffers one chain may have (a virtio block request has three: header, data, status).
inline constexpr usize kMaxChain = 4;

/// A chain the device has finished with: its head descriptor, how many bytes the device wrote into it (as the device
/// says: believe it only up to the buffers' sizes), and its `count` buffers, back in the order they were added.
struct UsedChain {
  uint16_t head = 0;
  uint32_t length = 0;
  usize count = 0;
  Array<StaticBuffer<uint8_t>, kMaxChain> buffers{};
};

class Virtqueue {
 public:
  static constexpr uint16_t kSize = kVirtqueueSize;

  explicit Virtqueue(StaticRef<VirtqueueMemory> memory);
  Virtqueue(Virtqueue const&) = delete;
  Virtqueue& operator=(Virtqueue const&) = delete;

  /// Empty rings, every descriptor free. Only before the queue is given to the device (or after a device reset:
  /// the buffers of chains still in flight are dropped, which loses them but never gives them out twice).
  void initialize() const;
  /// The static memory's rings, for VirtioMmio::setup_queue.
  StaticRef<VirtqueueRings<kSize> const> rings() const;

  /// Makes `chain` available to the device as one descriptor chain, in order (section 2.6.13), and takes its
  /// buffers (each element's is left empty) until take_used() gives them back. Returns the head descriptor index.
  /// Errors, with every buffer left in `chain`: Inval (empty, longer than kMaxChain, or an empty buffer), NoMem (not
  /// enough free descriptors), Size (a buffer longer than a descriptor can describe). The caller then notifies the
  /// device.
  Result<uint16_t> add(Slice<VirtqueueBuffer> chain) const;

  /// The next chain the device has returned, if any (section 2.6.14), with its buffers; its descriptors are free
  /// again. A used entry naming a descriptor that does not head a chain in flight (a device bug) is skipped.
  Option<UsedChain> take_used() const;

  usize free_descriptors() const;

 private:
  static constexpr uint32_t kAllFree = (1U << kSize) - 1U;
  static constexpr uint16_t kEndOfChain = 0xFFFF;

  UsedChain free_chain(uint16_t head, uint32_t length) const;

  StaticRef<VirtqueueMemory> memory_;
  /// Bit d set: descriptor d is free.
  Cell<uint32_t> free_{kAllFree};
  /// Bit d set: descriptor d heads a chain the device holds.
  Cell<uint32_t> heads_in_flight_{0};
  /// The driver's own record of each chain's links, so freeing a chain never depends on shared memory.
  Array<Cell<uint16_t>, kSize> next_{};
  /// The buffer each descriptor of a chain in flight describes (what the device owns); empty for a free descriptor
  /// (add() never takes an empty buffer, so empty means none: a plain Cell, smaller and cheaper to set up at boot).
  Array<Cell<StaticBuffer<uint8_t>>, kSize> held_{};
  /// Whether the rings may hold anything but zeroes: handed out by rings() or written by add().
  Cell<bool> memory_touched_{false};
  /// Free-running indices (modulo 2^16) of the next available entry to write and the next used entry to read.
  Cell<uint16_t> available_index_{0};
  Cell<uint16_t> used_index_{0};
};

}  // namespace keel::chips::qemu_virt
