// SPDX-License-Identifier: Apache-2.0
// TRUSTED: the grant allocator. Lays out and carves grant allocations in a process's grant region.
#include "kernel/grant_core.h"

#include "kernel/kernel.h"

namespace keel {

namespace {

/// A new identity for each grant constructed: 1, 2, ... (0 marks a free entry). Never reused: a second grant with
/// the identity (and the grant number) of an earlier one could read that one's object as its own type.
uint16_t next_identity() {
  static constinit uint16_t last = 0;
  if (last == 0xffffU) { KEEL_PANIC("more than 65535 grants"); }
  return ++last;
}

}  // namespace

// The kind ranges are sums of counts GrantStorage bounds to 64 each, so they never wrap and never decrease: every
// slot a view admits lies below first[3], before the object.
GrantBase::GrantBase(Kernel& kernel, uint32_t driver_number, uint32_t upcalls, uint32_t read_only_allows,
                     uint32_t read_write_allows, uint32_t object_size)
    : kernel_(kernel), identity_(next_identity()), grant_number_(kernel.create_grant_number()),
      shape_{driver_number, {0, upcalls, upcalls + read_only_allows, upcalls + read_only_allows + read_write_allows}},
      object_offset_(8U * shape_.first[3]), object_size_(object_size) {}

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

}  // namespace keel
