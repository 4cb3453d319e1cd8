// SPDX-License-Identifier: Apache-2.0
// TRUSTED: the claims table and the one step from a checked process address to a slice.
#include "kernel/process_memory.h"

#include "kernel/core/panic.h"
#include "kernel/core/utility.h"

namespace keel {
namespace {

// Every RAM block and TBF ever claimed, as ranges (C arrays: see process_memory.h). Claims are never given back: a
// view of a process's RAM that some kernel code still holds can then never come to view another process's grants.
// TBFs are kept apart too: a process reads and executes its own alone (escape 303), as the PMP shows it.
struct Claims {
  AddressRange flash{};
  AddressRange ram{};
  AddressRange taken[ProcessMemory::kMaxClaims]{};
  AddressRange tbfs[ProcessMemory::kMaxClaims]{};
  // The registers each claim's process runs from (ProcessMemory::frame_; 0: not entered yet), never reused: one set of
  // registers runs with one claim's regions only (escape 450).
  uintptr_t frames[ProcessMemory::kMaxClaims]{};
  usize count = 0;
};

bool overlap(AddressRange a, AddressRange b) { return a.start < b.end && b.start < a.end; }
constinit Claims claims{};

bool inside(AddressRange inner, AddressRange outer) {
  return inner.start < inner.end && inner.start >= outer.start && inner.end <= outer.end;
}


/// Word stores where it can (process RAM at every start, new grants).
void zero(uint32_t address, uint32_t length) {
  if (length != 0) { __builtin_memset(reinterpret_cast<void*>(static_cast<uintptr_t>(address)), 0, length); }
}

}  // namespace

void ProcessMemory::protection_rules_broken() { KEEL_PANIC("the protection rules reach beyond what the process may reach"); }

void ProcessMemory::expose(uint32_t end) {
  regions_changing();
  arch::ProtectionRules::expose(regions_.fence_, regions_.block_.start, end);
  if (!arch::ProtectionCheck::fence_ok(regions_.fence_, regions_.flash_.start, regions_.flash_.end, claims.flash.start,
                                       claims.flash.end, regions_.block_.start, end)) {
    protection_rules_broken();
  }
  regions_.ram_end_ = end;
}

void ProcessMemory::set_board_regions(AddressRange flash, AddressRange ram) {
  claims.flash = flash;
  claims.ram = ram;
}

void ProcessMemory::forget_all_claims() {
  claims.count = 0;
  for (uintptr_t& frame : claims.frames) { frame = 0; }
  programmed_ = kNotProgrammed;  // block starts may name new claims now
  programmed_frame_ = 0;
}

void ProcessMemory::bind_frame(uintptr_t frame) const {
  usize mine = claims.count;
  for (usize i = 0; i < claims.count; ++i) {
    if (claims.frames[i] == frame) { KEEL_PANIC("a process's registers entered with another claim's memory"); }
    if (claims.taken[i] == regions_.block_) { mine = i; }
  }
  // A memory without a claim, or one whose claim runs other registers (frame_ is those, and not `frame`).
  if (regions_.block_.start == regions_.block_.end || mine == claims.count || claims.frames[mine] != 0) {
    KEEL_PANIC("registers entered with a process memory that is not theirs");
  }
  claims.frames[mine] = frame;
  frame_ = frame;
}

Result<void> ProcessMemory::claim(AddressRange flash, AddressRange ram) {
  if (regions_.block_.start != regions_.block_.end) { return Error(ErrorCode::Already); }
  if (!inside(flash, claims.flash) || !inside(ram, claims.ram) || !Bits::is_aligned(flash.start | flash.end, 4)) {
    return Error(ErrorCode::Inval);
  }
  uint32_t const size = ram.end - ram.start;
  if (arch::ProtectionRules::block_size(size) != size ||
      !Bits::is_aligned(ram.start, arch::ProtectionRules::block_alignment(size)) ||
      !Bits::is_aligned(size | ram.start, 8)) {
    return Error(ErrorCode::Inval);
  }
  for (usize i = 0; i < claims.count; ++i) {
    if (overlap(ram, claims.taken[i]) || overlap(flash, claims.tbfs[i])) { return Error(ErrorCode::Inval); }
  }
  if (claims.count == kMaxClaims) { return Error(ErrorCode::NoMem); }
  // A TBF whose regions the check refuses (on the MPU: one at the end of app flash whose region would reach past
  // it) is a load error, not a panic: nothing a loaded image holds may stop the kernel.
  arch::Fence const fence = arch::ProtectionRules::fence(flash.start, flash.end, ram.start, ram.end);
  if (!arch::ProtectionCheck::fence_ok(fence, flash.start, flash.end, claims.flash.start, claims.flash.end, ram.start, ram.start)) {
    return Error(ErrorCode::Inval);
  }
  claims.taken[claims.count] = ram;
  claims.tbfs[claims.count] = flash;
  ++claims.count;
  drop_grants();
  regions_.flash_ = flash;
  regions_.fence_ = fence;
  regions_.block_ = ram;
  brk_ = ram.start;
  expose(ram.start);
  exposed_top_ = ram.start;
  frame_span_ = 0;
  kernel_break_ = ram.end;
  return success();
}

void ProcessMemory::reset(uint32_t initial_size) {
  drop_grants();
  for (usize slot = 0; slot < kWindows; ++slot) { close_window(slot); }
  kernel_break_ = regions_.block_.end;
  uint32_t const wanted =
      initial_size <= regions_.block_.end - regions_.block_.start ? Bits::align_up(regions_.block_.start + initial_size, 4) : regions_.block_.end;
  brk_ = Bits::min(wanted, regions_.block_.end);
  uint32_t const exposed = accessible_end(brk_);
  expose(exposed);
  raise_exposed_top(exposed);
  // Up to what the hardware exposes: an earlier run's grants may have been there.
  zero(regions_.block_.start, exposed - regions_.block_.start);
}

Result<void> ProcessMemory::open_window(usize slot, ProcessMemory const& owner, uint32_t address, uint32_t length) {
  if (slot >= kWindows || &owner == this || regions_.block_.start == regions_.block_.end ||
      owner.regions_.block_.start == owner.regions_.block_.end || !owner.in_ram(address, length)) {
    return Error(ErrorCode::Inval);
  }
  arch::Window const window = arch::ProtectionRules::window(address, length);
  if (window == arch::Window{}) { return Error(ErrorCode::Size); }
  if (!arch::ProtectionCheck::window_ok(window, address, address + length)) { protection_rules_broken(); }
  regions_changing();
  regions_.windows_[slot] = window;
  return success();
}

void ProcessMemory::release() {
  drop_grants();
  regions_changing();
  brk_ = 0;
  // The claim keeps its registers' binding for good (its RAM is never claimed again): the same registers cannot run a
  // later claim of this memory either, nor any other.
  frame_ = 0;
  regions_ = {};
  exposed_top_ = 0;
  frame_span_ = 0;
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
  if (new_brk < regions_.block_.start || new_brk < floor || new_brk > kernel_break_) { return Error(ErrorCode::NoMem); }
  uint32_t const exposed = accessible_end(new_brk);
  if (exposed > kernel_break_) { return Error(ErrorCode::NoMem); }
  // What becomes accessible reads as zero, the hardware's rounding included.
  AddressRange const fresh = newly_exposed(brk_, new_brk, regions_.ram_end_, exposed);
  zero(fresh.start, fresh.end - fresh.start);
  brk_ = new_brk;
  expose(exposed);
  raise_exposed_top(exposed);
  return success();
}

uint32_t ProcessMemory::allocate_grant(uint32_t size) {
  // Never below anything the process could ever reach since the claim: a view of its memory that some kernel code
  // still holds (taken before the break came down, or before a restart) can never come to view a grant.
  uint32_t const floor = Bits::align_up(exposed_top_, 8);
  if (floor > kernel_break_ || size > kernel_break_ - floor) { return 0; }
  uint32_t const rounded = Bits::align_up(size, 8);
  if (rounded > kernel_break_ - floor) { return 0; }
  uint32_t const start = kernel_break_ - rounded;
  if (start == 0) { return 0; }
  kernel_break_ = start;
  ++grants_allocated_;
  zero(start, rounded);
  return start;
}

}  // namespace keel
