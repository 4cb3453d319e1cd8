// SPDX-License-Identifier: Apache-2.0
// Zero-copy virtio block reads: the device writes the sector straight into the app's buffer.
#include "chips/qemu-virt/virtqueue_memory.h"

namespace keel::chips::qemu_virt {

class BlockReader16 {
 public:
  explicit BlockReader16(VirtqueueMemory& memory) : memory_(memory) {}

  /// Posts one device-writable buffer at the app's address.
  void post_read(uint32_t app_address, uint32_t length) const {
    memory_.write_descriptor(0, VirtqDescriptor{app_address, length, kVirtqDescriptorWrite, 0});
    memory_.write_available_entry(0, 0);
    memory_.publish_available_index(1);
  }

 private:
  VirtqueueMemory& memory_;
};

}  // namespace keel::chips::qemu_virt
