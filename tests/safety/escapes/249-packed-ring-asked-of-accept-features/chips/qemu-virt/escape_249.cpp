// SPDX-License-Identifier: Apache-2.0
// A faster transport setup for devices with packed rings: ask for VIRTIO_F_RING_PACKED (bit 34) with the rest.
#include "chips/qemu-virt/virtio_mmio.h"

namespace keel::chips::qemu_virt {

Result<uint64_t> escape_249_negotiate_packed(StaticRef<VirtioMmioRegisters> registers, uint64_t wanted) {
  return VirtioMmio(registers).negotiate(wanted | uint64_t{1} << 34 | uint64_t{1} << 28);
}

uint64_t escape_249_accept_packed(StaticRef<VirtioMmioRegisters> registers) {
  return accept_features(registers.get(), uint64_t{1} << 32 | uint64_t{1} << 34);
}

}  // namespace keel::chips::qemu_virt
