// SPDX-License-Identifier: Apache-2.0
// Used-ring accounting for a virtio driver.
#include "chips/qemu-virt/virtqueue.h"

namespace keel::chips::qemu_virt {

uint32_t escape_36_head_bytes(Virtqueue const& queue) {
  auto& [head, length, count, buffers] = queue.take_used().value();
  return head == 0 && count == 1 ? length : 0;
}

}  // namespace keel::chips::qemu_virt
