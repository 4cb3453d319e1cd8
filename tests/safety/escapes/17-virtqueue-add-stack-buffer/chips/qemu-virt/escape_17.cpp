// SPDX-License-Identifier: Apache-2.0
// Early entropy for stack canaries: ask the virtio RNG for 16 bytes at boot.
#include "chips/qemu-virt/virtqueue.h"

namespace keel::chips::qemu_virt {

Result<uint16_t> escape_17_request_seed(Virtqueue const& queue) {
  Array<uint8_t, 16> seed{};
  Array<VirtqueueBuffer, 1> const chain{{VirtqueueBuffer{seed.as_slice(), BufferDirection::FromDevice}}};
  return queue.add(chain.as_slice());
}

}  // namespace keel::chips::qemu_virt
