// SPDX-License-Identifier: Apache-2.0
// Used-ring accounting for a virtio driver.
#include "chips/qemu-virt/virtqueue.h"

namespace keel::chips::qemu_virt {

uint32_t escape_26_used_length(Virtqueue const& queue) {
  Option<UsedChain&> const used = queue.take_used().value();
  return used.map([](UsedChain& buffer) { return buffer.length; }).value_or(0);
}

}  // namespace keel::chips::qemu_virt
