// SPDX-License-Identifier: Apache-2.0
#include "chips/qemu-virt/virtio_mmio.h"

namespace keel::chips::qemu_virt {

Option<uint32_t> VirtioMmio::device_id() const {
  if (registers_->magic_value.get() != kMagic) { return none; }
  if (registers_->version.get() != kModernVersion) { return none; }
  uint32_t const id = registers_->device_id.get();
  if (id == 0) { return none; }
  return id;
}

Result<uint64_t> VirtioMmio::negotiate(uint64_t wanted) const {
  reset();
  registers_->status.write(virtio_status::acknowledge.set());
  registers_->status.modify(virtio_status::driver.set());

  registers_->device_features_select.set(0);
  uint64_t const low = registers_->device_features.get();
  registers_->device_features_select.set(1);
  uint64_t const high = registers_->device_features.get();
  uint64_t const offered = (high << 32) | low;
  if ((offered & kFeatureVersion1) == 0) {
    fail();
    return Error(ErrorCode::NoSupport);
  }

  uint64_t const accepted = offered & (wanted | kFeatureVersion1);
  registers_->driver_features_select.set(0);
  registers_->driver_features.set(static_cast<uint32_t>(accepted));
  registers_->driver_features_select.set(1);
  registers_->driver_features.set(static_cast<uint32_t>(accepted >> 32));
  registers_->status.modify(virtio_status::features_ok.set());
  // The device clears FEATURES_OK if it cannot work with the subset (section 3.1.1 step 6).
  if (!registers_->status.is_set(virtio_status::features_ok)) {
    fail();
    return Error(ErrorCode::NoSupport);
  }
  return accepted;
}

Result<void> VirtioMmio::setup_queue(uint32_t index, StaticRef<VirtqueueRings<kVirtqueueSize> const> rings) const {
  registers_->queue_select.set(index);
  if (registers_->queue_ready.get() != 0) { return Error(ErrorCode::Already); }
  uint32_t const maximum = registers_->queue_size_max.get();
  if (maximum == 0) { return Error(ErrorCode::NoDevice); }
  if (kVirtqueueSize > maximum) { return Error(ErrorCode::Size); }
  program_rings(registers_.get(), rings);
  // Devices with a second (control) queue refuse DRIVER_OK while it is not live; Keel never uses it, so it gets
  // scratch rings for the call.
  registers_->queue_select.set(index + 1);
  if (registers_->queue_size_max.get() != 0 && registers_->queue_ready.get() == 0) {
    VirtqueueMemory scratch;
    program_rings(registers_.get(), StaticRef<VirtqueueRings<kVirtqueueSize> const>::assume_static(scratch));
  }
  return success();
}

void VirtioMmio::driver_ok() const { registers_->status.modify(virtio_status::driver_ok.set()); }

void VirtioMmio::fail() const { registers_->status.modify(virtio_status::failed.set()); }

void VirtioMmio::reset() const { registers_->status.set(0); }

void VirtioMmio::notify(uint32_t index) const { registers_->queue_notify.set(index); }

mmio::LocalRegister<uint32_t, virtio_interrupt::Tag> VirtioMmio::acknowledge_interrupts() const {
  auto const status = registers_->interrupt_status.extract();
  registers_->interrupt_acknowledge.set(status.get());
  return status;
}

Option<usize> find_virtio_device(StaticSlice<VirtioMmioRegisters> slots, VirtioDeviceType type) {
  for (usize slot = 0; slot < slots.size(); ++slot) {
    if (VirtioMmio(slots.at(slot)).device_id().value_or(0) == static_cast<uint32_t>(type)) { return slot; }
  }
  return none;
}

}  // namespace keel::chips::qemu_virt
