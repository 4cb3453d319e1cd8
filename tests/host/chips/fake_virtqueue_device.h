// The device side of a split virtqueue, for host tests: reads the descriptor table and available ring at the
// addresses the driver gave, fills device-writable buffers, and writes the used ring, as a virtio device would
// (virtio 1.1 section 2.6).
#pragma once

#include <algorithm>
#include <cstring>
#include <vector>

#include "chips/qemu-virt/virtio_mmio_registers.h"
#include "chips/qemu-virt/virtqueue_memory.h"
#include "fake_registers.h"

namespace keel_test {

/// Where a device finds the three parts of a queue: its QueueDesc, QueueDriver and QueueDevice registers.
struct RingAddresses {
  uint64_t descriptor_table;
  uint64_t driver_area;
  uint64_t device_area;
};

/// What program_rings tells a device about `rings`: it programs a scratch transport block, read back at the
/// registers' offsets (virtio 1.1 section 4.2.2) as the device reads them.
inline RingAddresses programmed_addresses(
    keel::StaticRef<keel::chips::qemu_virt::VirtqueueRings<keel::chips::qemu_virt::kVirtqueueSize> const> rings) {
  auto const block = make_register_block<keel::chips::qemu_virt::VirtioMmioRegisters>();
  keel::chips::qemu_virt::program_rings(*block, rings);
  auto const read64 = [&](std::size_t low) {
    return (static_cast<uint64_t>(peek32(*block, low + 4)) << 32) | peek32(*block, low);
  };
  return {read64(0x080), read64(0x090), read64(0x0A0)};
}

class FakeVirtqueueDevice {
  static constexpr uint16_t kSize = keel::chips::qemu_virt::kVirtqueueSize;

 public:
  /// The rings as the device sees them: plain little-endian integers at the offsets the spec gives (section 2.6),
  /// written out here rather than taken from the driver's types, so the tests check the driver's layout too.
  struct Descriptor {
    uint64_t address;
    uint32_t length;
    uint16_t flags;
    uint16_t next;
  };
  struct Available {
    uint16_t flags;
    uint16_t index;
    uint16_t ring[kSize];
  };
  struct UsedElement {
    uint32_t id;
    uint32_t length;
  };
  struct Used {
    uint16_t flags;
    uint16_t index;
    UsedElement ring[kSize];
  };

  explicit FakeVirtqueueDevice(RingAddresses addresses)
      : descriptors_(reinterpret_cast<Descriptor*>(static_cast<uintptr_t>(addresses.descriptor_table))),
        available_(reinterpret_cast<Available*>(static_cast<uintptr_t>(addresses.driver_area))),
        used_(reinterpret_cast<Used*>(static_cast<uintptr_t>(addresses.device_area))) {}

  /// Descriptor `index` as it stands in the table.
  Descriptor descriptor(uint16_t index) const { return descriptors_[index]; }

  /// Chains the driver has made available and the device has not taken yet.
  uint16_t pending() const { return static_cast<uint16_t>(available_->index - next_available_); }

  /// Takes every available chain; fills its device-writable buffers with `fill`, at most `max_bytes` per chain, and
  /// returns it through the used ring with the count written. Returns how many chains it took.
  int process(uint8_t fill, uint32_t max_bytes = 0xFFFFFFFFU) {
    int taken = 0;
    while (next_available_ != available_->index) {
      uint16_t const head = available_->ring[next_available_ % kSize];
      ++next_available_;
      std::vector<Descriptor> chain;
      uint32_t written = 0;
      uint16_t index = head;
      for (;;) {
        Descriptor const descriptor = descriptors_[index];
        chain.push_back(descriptor);
        if ((descriptor.flags & keel::chips::qemu_virt::kVirtqDescriptorWrite) != 0) {
          uint32_t const n = std::min(descriptor.length, max_bytes - written);
          std::memset(reinterpret_cast<void*>(static_cast<uintptr_t>(descriptor.address)), fill, n);
          written += n;
        }
        if ((descriptor.flags & keel::chips::qemu_virt::kVirtqDescriptorNext) == 0) { break; }
        index = descriptor.next;
      }
      chains.push_back(chain);
      complete(head, written);
      ++taken;
    }
    return taken;
  }

  /// Writes one used entry as the device would, whatever it says.
  void complete(uint32_t id, uint32_t length) {
    used_->ring[used_->index % kSize] = {id, length};
    ++used_->index;
  }

  /// Rewrites the length of the used entry in `slot`, as a buggy device might.
  void overwrite_used_length(uint16_t slot, uint32_t length) { used_->ring[slot].length = length; }

  /// Every chain taken so far, as the device saw its descriptors.
  std::vector<std::vector<Descriptor>> chains;

 private:
  Descriptor* descriptors_;
  Available* available_;
  Used* used_;
  uint16_t next_available_ = 0;
};

}  // namespace keel_test
