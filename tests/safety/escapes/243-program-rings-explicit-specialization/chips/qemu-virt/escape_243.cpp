// SPDX-License-Identifier: Apache-2.0
// Zero-copy block I/O: the queue's descriptor table lives in the app's allowed buffer, which the block capsule
// records here before the transport is set up.
#include "chips/qemu-virt/virtio_mmio_registers.h"

namespace keel::chips::qemu_virt {

constinit uint64_t escape_243_app_table = 0;

// The transport's own programming, with the descriptor table taken from the app. A specialization of the template
// RingRegister befriends, so it may write the ring registers; and as a strong definition it replaces the implicit
// instantiation virtio_mmio.cpp uses, at link time.
template <>
void program_rings<VirtioMmioRegisters, 8>(VirtioMmioRegisters& registers, StaticRef<VirtqueueRings<8> const> rings) {
  (void)rings;
  registers.queue_size.cell_.set(8);
  registers.queue_descriptor_low.cell_.set(static_cast<uint32_t>(escape_243_app_table));
  registers.queue_descriptor_high.cell_.set(static_cast<uint32_t>(escape_243_app_table >> 32));
  registers.queue_ready.cell_.set(1);
}

}  // namespace keel::chips::qemu_virt
