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
                              layout.object_align)) {
  // GrantStorage bounds these at compile time; a layout that could wrap (a hand-made one) is a kernel bug.
  if (layout.upcalls > 64 || layout.read_only_allows > 64 || layout.read_write_allows > 64 ||
      layout.object_size > 0x10000 || layout.object_align == 0 || layout.object_align > 8 ||
      (layout.object_align & (layout.object_align - 1)) != 0) {
    KEEL_PANIC("grant layout out of range");
  }
}

// Addresses and errors stay in plain integers here: trusted code does not route a number it relies on through an
// untrusted template (Option, Result), which could hand back a different one.
uint32_t GrantBase::allocation(Process& process) const {
  ProcessMemory::GrantEntry& entry = entry_of(process);
  if (entry.address != 0) {
    // The number comes from the (untrusted) kernel: two grants given one would place two types in one memory.
    if (entry.owner != identity_) { KEEL_PANIC("two grants share a grant number"); }
    return entry.address;
  }
  // Zeroed: slots start empty, and nothing the process once wrote here (before shrinking its break) leaks in.
  uint32_t const address = process.grant_memory().allocate_grant(object_offset_ + layout_.object_size);
  if (address == 0) { return 0; }
  entry.address = address;
  entry.owner = identity_;
  return address;
}

Result<GrantKernelData> GrantBase::kernel_data(Process& process) const {
  if (allocation(process) == 0) { return Error(ErrorCode::NoMem); }
  return GrantKernelData(process, *this);
}

Option<AllowSlot&> GrantKernelData::read_only_slot(uint32_t number) const {
  GrantBase::Layout const& layout = grant_.get().layout_;
  return slot<AllowSlot>(layout.upcalls, layout.read_only_allows, number);
}

Option<AllowSlot&> GrantKernelData::read_write_slot(uint32_t number) const {
  GrantBase::Layout const& layout = grant_.get().layout_;
  return slot<AllowSlot>(layout.upcalls + layout.read_only_allows, layout.read_write_allows, number);
}

Result<void> GrantKernelData::schedule_upcall(uint32_t subscribe_number, uint32_t a0, uint32_t a1, uint32_t a2) const {
  Option<UpcallSlot&> target = upcall_slot(subscribe_number);
  if (target.is_none()) { return Error(ErrorCode::Inval); }
  UpcallId const id{grant_.get().driver_number_, subscribe_number};
  if (!process_.get().upcalls().push(id, target.value(), a0, a1, a2)) { return Error(ErrorCode::NoMem); }
  return success();
}

ReadOnlyProcessBuffer GrantKernelData::read_only_buffer(uint32_t number) const {
  Option<AllowSlot&> slot = read_only_slot(number);
  if (slot.is_none()) { return {}; }
  AllowSlot const buffer = slot.value();
  // Checked at allow time; checked here, by the trusted memory, so a stale or forged slot never reaches outside it.
  Option<Slice<uint8_t const>> const bytes = process_.get().memory().readable(buffer.address, buffer.length);
  if (bytes.is_none()) { return {}; }
  return ReadOnlyProcessBuffer(bytes.value());
}

ReadWriteProcessBuffer GrantKernelData::read_write_buffer(uint32_t number) const {
  Option<AllowSlot&> slot = read_write_slot(number);
  if (slot.is_none()) { return {}; }
  AllowSlot const buffer = slot.value();
  Option<Slice<uint8_t>> const bytes = process_.get().memory().ram(buffer.address, buffer.length);
  if (bytes.is_none()) { return {}; }
  return ReadWriteProcessBuffer(bytes.value());
}

}  // namespace keel
