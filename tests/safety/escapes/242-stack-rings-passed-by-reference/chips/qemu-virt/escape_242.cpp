// SPDX-License-Identifier: Apache-2.0
// A loop-back self test of a virtio transport at boot: one request through a temporary queue, then a reset.
#include "chips/qemu-virt/virtio_mmio.h"

namespace keel::chips::qemu_virt {

Result<void> escape_242_self_test(StaticRef<VirtioMmioRegisters> registers) {
  VirtioMmio const transport(registers);
  KEEL_TRY(transport.negotiate(0));
  VirtqueueMemory scratch;
  scratch.clear();
  // The rings live only for this call; the device keeps the queue until the reset below (or until nobody resets it).
  KEEL_TRY(transport.setup_queue(0, scratch));
  transport.driver_ok();
  transport.notify(0);
  return success();
}

}  // namespace keel::chips::qemu_virt
