// SPDX-License-Identifier: Apache-2.0
#include "chips/qemu-virt/virtqueue.h"

#include "kernel/core/move.h"

namespace keel::chips::qemu_virt {
namespace {

constexpr bool fits_descriptor_length(uint64_t length) { return length <= 0xFFFF'FFFFU; }

constexpr uint32_t bit(uint16_t descriptor) { return 1U << descriptor; }

}  // namespace

Virtqueue::Virtqueue(StaticRef<VirtqueueMemory> memory) : memory_(memory) {}

void Virtqueue::initialize() const {
  // The static memory is zero as constructed: only rings the device has had (or add() wrote) need zeroing, and the
  // first bring-up at boot skips the stores.
  if (memory_touched_.get()) { memory_->clear(); }
  free_.set(kAllFree);
  // Only a chain in flight holds buffers (add() and free_chain() change both together): at boot none is, and the
  // loop would cost every boot its instructions.
  if (heads_in_flight_.get() != 0) {
    for (Cell<StaticBuffer<uint8_t>> const& held : held_) { static_cast<void>(held.replace(StaticBuffer<uint8_t>())); }
  }
  heads_in_flight_.set(0);
  for (Cell<uint16_t> const& next : next_) { next.set(kEndOfChain); }
  available_index_.set(0);
  used_index_.set(0);
}

StaticRef<VirtqueueRings<Virtqueue::kSize> const> Virtqueue::rings() const {
  memory_touched_.set(true);  // the device may write them from now on
  return memory_;
}

usize Virtqueue::free_descriptors() const {
  usize count = 0;
  for (uint16_t descriptor = 0; descriptor < kSize; ++descriptor) {
    if ((free_.get() & bit(descriptor)) != 0) { ++count; }
  }
  return count;
}

Result<uint16_t> Virtqueue::add(Slice<VirtqueueBuffer> chain) const {
  memory_touched_.set(true);
  if (chain.is_empty() || chain.size() > kMaxChain) { return Error(ErrorCode::Inval); }
  for (VirtqueueBuffer const& buffer : chain) {
    // An empty buffer (one given away already) would be a descriptor of length 0 the device may not be given.
    if (buffer.bytes.size() == 0) { return Error(ErrorCode::Inval); }
    if (!fits_descriptor_length(buffer.bytes.size())) { return Error(ErrorCode::Size); }
  }
  if (chain.size() > free_descriptors()) { return Error(ErrorCode::NoMem); }

  // Pick the descriptors first (lowest free ones): each one's `next` must be known when it is written.
  Array<uint16_t, kSize> descriptors{};
  uint32_t free_count = free_.get();
  usize picked = 0;
  for (uint16_t descriptor = 0; descriptor < kSize && picked < chain.size(); ++descriptor) {
    if ((free_count & bit(descriptor)) == 0) { continue; }
    descriptors[picked] = descriptor;
    free_count &= ~bit(descriptor);
    ++picked;
  }

  for (usize position = 0; position < chain.size(); ++position) {
    VirtqueueBuffer& buffer = chain[position];
    bool const last = position + 1 == chain.size();
    uint16_t const next = last ? kEndOfChain : descriptors[position + 1];
    uint16_t flags = last ? 0 : kVirtqDescriptorNext;
    if (buffer.direction == BufferDirection::FromDevice) { flags |= kVirtqDescriptorWrite; }
    memory_->write_descriptor(descriptors[position], buffer.bytes, flags, last ? uint16_t{0} : next);
    next_[descriptors[position]].set(next);
    held_[descriptors[position]].set(move(buffer.bytes));
  }

  uint16_t const head = descriptors[0];
  free_.set(free_count);
  heads_in_flight_.set(heads_in_flight_.get() | bit(head));
  uint16_t const index = available_index_.get();
  memory_->write_available_entry(static_cast<uint16_t>(index % kSize), head);
  available_index_.set(static_cast<uint16_t>(index + 1U));
  memory_->publish_available_index(available_index_.get());
  return head;
}

Option<UsedChain> Virtqueue::take_used() const {
  uint16_t const device_index = memory_->used_index();
  // Bounded by the 16-bit index distance, even for a device that writes nonsense.
  while (used_index_.get() != device_index) {
    uint16_t const index = used_index_.get();
    VirtqUsedElement const element = memory_->used_element(static_cast<uint16_t>(index % kSize));
    used_index_.set(static_cast<uint16_t>(index + 1U));
    if (element.id >= kSize) { continue; }
    auto const head = static_cast<uint16_t>(element.id);
    if ((heads_in_flight_.get() & bit(head)) == 0) { continue; }
    return free_chain(head, element.length);
  }
  return none;
}

UsedChain Virtqueue::free_chain(uint16_t head, uint32_t length) const {
  heads_in_flight_.set(heads_in_flight_.get() & ~bit(head));
  UsedChain used{head, length, 0, {}};
  uint16_t descriptor = head;
  for (uint16_t count = 0; count < kSize && descriptor != kEndOfChain; ++count) {
    free_.set(free_.get() | bit(descriptor));
    StaticBuffer<uint8_t> held = held_[descriptor].replace(StaticBuffer<uint8_t>());
    // add() links at most kMaxChain descriptors, each holding its (non-empty) buffer.
    if (held.size() != 0 && used.count < kMaxChain) {
      used.buffers[used.count] = move(held);
      ++used.count;
    }
    descriptor = next_[descriptor].replace(kEndOfChain);
  }
  return used;
}

}  // namespace keel::chips::qemu_virt
