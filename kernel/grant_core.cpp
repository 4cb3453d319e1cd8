// SPDX-License-Identifier: Apache-2.0
// TRUSTED: the grant allocator. Turns addresses inside a process's grant region into typed slots and objects.
#include "kernel/grant_core.h"

#include "kernel/kernel.h"

namespace keel {

static_assert(sizeof(UpcallSlot) == 8 && sizeof(AllowSlot) == 8, "grant layout assumes 8-byte slots");

namespace {

/// A new identity for each grant constructed: 1, 2, ... (0 marks a free entry). Never reused: a second grant with
/// the identity (and the grant number) of an earlier one could read that one's object as its own type.
uint16_t next_identity() {
  static constinit uint16_t last = 0;
  if (last == 0xffffU) { KEEL_PANIC("more than 65535 grants"); }
  return ++last;
}

}  // namespace

GrantBase::GrantBase(Kernel& kernel, uint32_t driver_number, uint32_t upcalls, uint32_t read_only_allows,
                     uint32_t read_write_allows, uint32_t object_size)
    : kernel_(kernel), identity_(next_identity()), driver_number_(driver_number),
      grant_number_(kernel.create_grant_number()),
      first_{0, upcalls, upcalls + read_only_allows, upcalls + read_only_allows + read_write_allows},
      object_offset_(8U * first_[3]), object_size_(object_size) {}

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
  uint32_t const address = memory.allocate_grant(object_offset_ + object_size_);
  if (address == 0) { return 0; }
  entry.address = address;
  entry.owner = identity_;
  return address;
}

Result<void> GrantKernelData::schedule_upcall(uint32_t subscribe_number, uint32_t a0, uint32_t a1, uint32_t a2) const {
  // Written out (each reference taken once, the slot read by value): this is on every interrupt's way to a process.
  GrantBase const& grant = grant_;
  ProcessMemory::GrantEntry const& entry = memory_.grant(grant.grant_number_);
  if (subscribe_number >= grant.first_[kReadOnlyAllows]) { return Error(ErrorCode::Inval); }
  UpcallSlot const target =
      *reinterpret_cast<UpcallSlot const*>(static_cast<uintptr_t>(entry.address + 8U * subscribe_number));
  if (!process_.schedule_upcall({grant.driver_number_, subscribe_number}, target, {a0, a1, a2})) {
    return Error(ErrorCode::NoMem);
  }
  return success();
}

// The slot was checked at allow time; it is checked again here, by the trusted memory, so a stale or forged slot
// never reaches outside the process's memory.
ReadOnlyProcessBuffer GrantKernelData::read_only_buffer(uint32_t number) const {
  Option<AllowSlot&> const allowed = slot<AllowSlot>(kReadOnlyAllows, number);
  if (allowed.is_none()) { return {}; }
  Option<Slice<uint8_t const>> const bytes = memory_.readable(allowed.value().address, allowed.value().length);
  return bytes.is_some() ? ReadOnlyProcessBuffer(bytes.value()) : ReadOnlyProcessBuffer{};
}

ReadWriteProcessBuffer GrantKernelData::read_write_buffer(uint32_t number) const {
  Option<AllowSlot&> const allowed = slot<AllowSlot>(kReadWriteAllows, number);
  if (allowed.is_none()) { return {}; }
  Option<Slice<uint8_t>> const bytes = memory_.ram(allowed.value().address, allowed.value().length);
  return bytes.is_some() ? ReadWriteProcessBuffer(bytes.value()) : ReadWriteProcessBuffer{};
}

}  // namespace keel
