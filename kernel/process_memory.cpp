// SPDX-License-Identifier: Apache-2.0
// TRUSTED: the claims table and the one step from a checked process address to a slice.
#include "kernel/process_memory.h"

#include "kernel/core/panic.h"
#include "kernel/core/utility.h"

namespace keel {
namespace {

struct Claims {
  AddressRange flash{};
  AddressRange ram{};
  ProcessMemory const* holders[ProcessMemory::kMaxClaims]{};  // a C array: see process_memory.h
  usize count = 0;
};
constinit Claims claims{};

bool inside(AddressRange inner, AddressRange outer) {
  return inner.start < inner.end && inner.start >= outer.start && inner.end <= outer.end;
}


/// Word stores where it can (process RAM at every start, new grants).
void zero(uint32_t address, uint32_t length) {
  if (length != 0) { __builtin_memset(reinterpret_cast<void*>(static_cast<uintptr_t>(address)), 0, length); }
}

}  // namespace

void ProcessMemory::set_board_regions(AddressRange flash, AddressRange ram) {
  claims.flash = flash;
  claims.ram = ram;
}

Result<void> ProcessMemory::claim(AddressRange flash, AddressRange ram) {
  if (!inside(flash, claims.flash) || !inside(ram, claims.ram) || !is_aligned(flash.start | flash.end, 4) ||
      !is_aligned(ram.start | ram.end, 8)) {
    return Error(ErrorCode::Inval);
  }
  // The holders are packed at the front: [0, count).
  usize slot = claims.count;
  for (usize i = 0; i < claims.count; ++i) {
    ProcessMemory const* holder = claims.holders[i];
    if (holder == this) {
      slot = i;
    } else if (ram.start < holder->ram_.end && holder->ram_.start < ram.end) {
      return Error(ErrorCode::Inval);
    }
  }
  if (slot == kMaxClaims) { return Error(ErrorCode::NoMem); }
  drop_grants();
  if (slot == claims.count) { ++claims.count; }
  claims.holders[slot] = this;
  flash_ = flash;
  ram_ = ram;
  brk_ = ram.start;
  kernel_break_ = ram.end;
  return success();
}

void ProcessMemory::reset(uint32_t initial_size) {
  drop_grants();
  kernel_break_ = ram_.end;
  uint32_t const wanted = initial_size <= ram_.end - ram_.start ? align_up(ram_.start + initial_size, 4) : ram_.end;
  brk_ = min(wanted, ram_.end);
  zero(ram_.start, brk_ - ram_.start);
}

void ProcessMemory::release() {
  drop_grants();
  for (usize i = 0; i < claims.count; ++i) {
    if (claims.holders[i] != this) { continue; }
    --claims.count;
    claims.holders[i] = claims.holders[claims.count];
    claims.holders[claims.count] = nullptr;
    break;
  }
  flash_ = {};
  ram_ = {};
  brk_ = 0;
  kernel_break_ = 0;
}

void ProcessMemory::drop_grants() {
  // Entries change only through allocate_grant (which counts): with none allocated there is nothing to drop.
  if (grants_allocated_ == 0) { return; }
  grants_allocated_ = 0;
  for (GrantEntry& entry : grants_) {
    if (entry.entered) { KEEL_PANIC("process memory changed while a grant is entered"); }
    entry = GrantEntry{};
  }
}

Option<Slice<uint8_t const>> ProcessMemory::readable(uint32_t address, uint32_t length) const {
  if (!in_ram(address, length) && !in_flash(address, length)) { return none; }
  return Slice<uint8_t const>::from_raw_parts(reinterpret_cast<uint8_t const*>(static_cast<uintptr_t>(address)),
                                              length);
}

Result<void> ProcessMemory::set_brk(uint32_t new_brk, uint32_t floor) {
  if (new_brk < ram_.start || new_brk < floor || new_brk > kernel_break_) { return Error(ErrorCode::NoMem); }
  if (new_brk > brk_) { zero(brk_, new_brk - brk_); }
  brk_ = new_brk;
  return success();
}

uint32_t ProcessMemory::allocate_grant(uint32_t size) {
  if (size > kernel_break_ - ram_.start) { return 0; }
  uint32_t const rounded = align_up(size, 8);
  if (rounded < size || rounded > kernel_break_ - ram_.start) { return 0; }
  uint32_t const start = (kernel_break_ - rounded) & ~7U;
  if (start < align_up(brk_, 4) || start == 0) { return 0; }
  kernel_break_ = start;
  ++grants_allocated_;
  zero(start, rounded);
  return start;
}

}  // namespace keel
