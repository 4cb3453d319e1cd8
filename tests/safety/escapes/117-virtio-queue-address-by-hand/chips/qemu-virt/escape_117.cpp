// SPDX-License-Identifier: Apache-2.0
// A "fast" queue setup that skips VirtqueueAddresses.
#include "chips/qemu-virt/virtio_mmio_registers.h"

namespace keel::chips::qemu_virt {

void escape_117_setup(VirtioMmioRegisters& registers, uint32_t descriptor_table) {
  registers.queue_select.set(0);
  registers.queue_size.set(8);
  registers.queue_descriptor_low.set(descriptor_table);
  registers.queue_descriptor_high.set(0);
  registers.queue_ready.set(1);
}

}  // namespace keel::chips::qemu_virt
