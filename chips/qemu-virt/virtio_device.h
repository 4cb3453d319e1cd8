// SPDX-License-Identifier: Apache-2.0
// What the chip needs from a virtio device driver: its interrupt handler. The chip routes PLIC source 1 + n to the
// device registered for slot n (QemuVirtChip::register_virtio_device).
#pragma once

namespace keel::chips::qemu_virt {

class VirtioDevice {
 public:
  virtual void handle_interrupt() const = 0;

 protected:
  ~VirtioDevice() = default;
};

}  // namespace keel::chips::qemu_virt
