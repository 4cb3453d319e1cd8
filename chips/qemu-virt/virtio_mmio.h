// SPDX-License-Identifier: Apache-2.0
// The virtio-mmio transport, modern interface (virtio 1.1, section 4.2): probing a slot, the device status
// handshake with feature negotiation (section 3.1.1), queue setup, notification, and interrupt acknowledgement.
// Device drivers (virtio_rng.h, ...) drive one slot each through it.
//
// Setup: a VirtioMmio is only a typed view of one slot's registers, cheap to make where needed:
//   auto& slots = board::virtio_registers();
//   Option<usize> slot = find_virtio_device(slots.as_slice(), VirtioDeviceType::Entropy);
// Usage (device driver): negotiate(features), setup_queue(index, queue.rings()) per queue, driver_ok(); then
// notify() after adding buffers and acknowledge_interrupts() on each interrupt.
#pragma once

#include "kernel/core/ref.h"
#include "chips/qemu-virt/virtio_mmio_registers.h"
#include "chips/qemu-virt/virtqueue_memory.h"
#include "chips/qemu-virt/virtqueue_shared.h"
#include "kernel/core/option.h"
#include "kernel/core/result.h"
#include "kernel/core/slice.h"

namespace keel::chips::qemu_virt {

/// Device IDs (virtio 1.1, section 5 "Device Types").
enum class VirtioDeviceType : uint32_t {
  Network = 1,
  Block = 2,
  Console = 3,
  Entropy = 4,
};

class VirtioMmio {
 public:
  static constexpr uint32_t kMagic = 0x7472'6976;
  static constexpr uint32_t kModernVersion = 2;
  /// VIRTIO_F_VERSION_1 (feature bit 32): the device is a virtio 1.x device. A modern driver must accept it.
  static constexpr uint64_t kFeatureVersion1 = uint64_t{1} << 32;

  explicit VirtioMmio(StaticRef<VirtioMmioRegisters> registers) : registers_(registers) {}

  /// The device ID behind this slot, or none when the slot is not a virtio-mmio transport, is a legacy (version 1)
  /// one, which Keel does not drive, or is empty (device ID 0) (section 4.2.3.1.1).
  Option<uint32_t> device_id() const;

  /// Steps 1-6 of device initialisation (section 3.1.1): reset, ACKNOWLEDGE, DRIVER, read the device's features,
  /// accept those in `wanted` plus VERSION_1, FEATURES_OK, and check that the device kept FEATURES_OK. Returns the
  /// accepted features: never a ring or transport feature but VERSION_1 (accept_features drops them). NoSupport
  /// (status left at FAILED) when the device lacks VERSION_1 or refuses.
  Result<uint64_t> negotiate(uint64_t wanted) const;

  /// Step 7 for queue `index` (section 4.2.3.2): the size and the addresses of the three parts of static rings
  /// (program_rings), then QueueReady. Errors: NoDevice (the device has no such queue), Already (it is set up), Size
  /// (the rings' size is above the device's maximum).
  Result<void> setup_queue(uint32_t index, StaticRef<VirtqueueRings<kVirtqueueSize> const> rings) const;

  /// Step 8: DRIVER_OK, the device is live.
  void driver_ok() const;
  /// Gives up on the device: status FAILED.
  void fail() const;
  /// Writing status 0 resets the device; it forgets its queues and features.
  void reset() const;

  /// Tells the device that queue `index` has new available buffers. The available index is already published
  /// (with its fence) by Virtqueue::add.
  void notify(uint32_t index) const;

  /// Reads InterruptStatus and acknowledges exactly those bits, which lowers the interrupt line; returns them.
  mmio::LocalRegister<uint32_t, virtio_interrupt::Tag> acknowledge_interrupts() const;

 private:
  StaticRef<VirtioMmioRegisters> registers_;
};

/// The first slot holding a modern device of `type`, if any.
Option<usize> find_virtio_device(StaticSlice<VirtioMmioRegisters> slots, VirtioDeviceType type);

}  // namespace keel::chips::qemu_virt
