// SPDX-License-Identifier: Apache-2.0
// TRUSTED: the grant allocator. Turns addresses inside a process's grant region into typed slots and objects.
#include "kernel/grant_core.h"

#include "kernel/kernel.h"

namespace keel {

static_assert(sizeof(UpcallSlot) == 8 && sizeof(AllowSlot) == 8, "grant layout assumes 8-byte slots");

namespace {

/// A new identity for each grant constructed: 1, 2, ... (0 marks a free entry; the count wraps past 65535, more
/// grants than any board has).
uint16_t next_identity() {
  static constinit uint16_t last = 0;
  last = static_cast<uint16_t>(last == 0xffffU ? 1U : last + 1U);
  return last;
}

}  // namespace

GrantBase::GrantBase(Kernel& kernel, uint32_t driver_number, Layout layout)
    : kernel_(kernel), identity_(next_identity()), driver_number_(driver_number),
      grant_number_(kernel.create_grant_number()), layout_(layout),
      object_offset_(align_up(8U * (layout.upcalls + layout.read_only_allows + layout.read_write_allows),
                              layout.object_align)) {}

// Addresses and errors stay in plain integers here: trusted code does not route a number it relies on through an
// untrusted template (Option, Result), which could hand back a different one.
uint32_t GrantBase::allocation(ProcessMemory& memory) const {
  ProcessMemory::GrantEntry& entry = memory.grant(grant_number_);
  if (entry.address != 0) {
    // The number comes from the (untrusted) kernel: two grants given one would place two types in one memory.
    if (entry.owner != identity_) { KEEL_PANIC("two grants share a grant number"); }
    return entry.address;
  }
  // Zeroed: slots start empty, and nothing the process once wrote here (before shrinking its break) leaks in.
  uint32_t const address = memory.allocate_grant(object_offset_ + layout_.object_size);
  if (address == 0) { return 0; }
  entry.address = address;
  entry.owner = identity_;
  return address;
}

Option<AllowSlot&> GrantKernelData::read_only_slot(uint32_t number) const {
  GrantBase::Layout const& layout = grant_.layout_;
  return slot<AllowSlot>(layout.upcalls, layout.read_only_allows, number);
}

Option<AllowSlot&> GrantKernelData::read_write_slot(uint32_t number) const {
  GrantBase::Layout const& layout = grant_.layout_;
  return slot<AllowSlot>(layout.upcalls + layout.read_only_allows, layout.read_write_allows, number);
}

Result<void> GrantKernelData::schedule_upcall(uint32_t subscribe_number, uint32_t a0, uint32_t a1, uint32_t a2) const {
  // Written out (each reference taken once): this is on every interrupt's way to a process.
  GrantBase const& grant = grant_;
  ProcessMemory::GrantEntry const& entry = memory_.grant(grant.grant_number_);
  if (subscribe_number >= grant.layout_.upcalls) { return Error(ErrorCode::Inval); }
  UpcallSlot const target =
      *reinterpret_cast<UpcallSlot const*>(static_cast<uintptr_t>(entry.address + 8U * subscribe_number));
  UpcallId const id{grant.driver_number_, subscribe_number};
  if (!process_.upcalls().push(id, target, a0, a1, a2)) { return Error(ErrorCode::NoMem); }
  return success();
}

ReadOnlyProcessBuffer GrantKernelData::read_only_buffer(uint32_t number) const {
  Option<AllowSlot&> slot = read_only_slot(number);
  if (slot.is_none()) { return {}; }
  AllowSlot const buffer = slot.value();
  // Checked at allow time; checked here, by the trusted memory, so a stale or forged slot never reaches outside it.
  Option<Slice<uint8_t const>> const bytes = memory_.readable(buffer.address, buffer.length);
  if (bytes.is_none()) { return {}; }
  return ReadOnlyProcessBuffer(bytes.value());
}

ReadWriteProcessBuffer GrantKernelData::read_write_buffer(uint32_t number) const {
  Option<AllowSlot&> slot = read_write_slot(number);
  if (slot.is_none()) { return {}; }
  AllowSlot const buffer = slot.value();
  Option<Slice<uint8_t>> const bytes = memory_.ram(buffer.address, buffer.length);
  if (bytes.is_none()) { return {}; }
  return ReadWriteProcessBuffer(bytes.value());
}

namespace {

template <typename Slot> Option<Slot> exchange(Option<Slot&> slot, Slot value) {
  if (slot.is_none()) { return none; }
  Slot const previous = slot.value();
  slot.value() = value;
  return previous;
}

}  // namespace

Option<UpcallSlot> GrantKernelData::exchange_upcall(uint32_t number, UpcallSlot value) const {
  return exchange(upcall_slot(number), value);
}
Option<AllowSlot> GrantKernelData::exchange_read_only_allow(uint32_t number, AllowSlot value) const {
  return exchange(read_only_slot(number), value);
}
Option<AllowSlot> GrantKernelData::exchange_read_write_allow(uint32_t number, AllowSlot value) const {
  return exchange(read_write_slot(number), value);
}

}  // namespace keel
