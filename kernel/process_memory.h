// SPDX-License-Identifier: Apache-2.0
// ProcessMemory: the memory one process owns, as the trusted core knows it, and the only way from a process's
// address to kernel access. The untrusted kernel decides where processes go (the loader) and asks for buffers
// (system calls); this checks every request against bounds that only it can set:
//
//   flash_start           flash_end        mem_start          brk               kernel_break           mem_end
//   | its TBF: read+execute |               | stack, data, heap | free: brk grows  | grant region: kernel |
//   |                       |               | (read+write)      | up, grants down  | objects (no access)  |
//
// A claim lies inside the board's app flash and process RAM (set once by board code) and overlaps no other
// process's RAM; the break never enters the grant region and the grant region never reaches the break; memory is
// zeroed whenever it is handed out. So a buffer the kernel takes from a process is always wholly inside that
// process's accessible RAM (or, read-only, its TBF), never a kernel object, a grant, or another process.
//
// TRUSTED: turns checked addresses into slices and owns the grant region's bookkeeping.
#pragma once

#include "keel_arch/protection_rules.h"
#include "kernel/core/annotations.h"
#include "kernel/core/option.h"
#include "kernel/core/result.h"
#include "kernel/core/slice.h"
#include "kernel/core/utility.h"

namespace keel {

namespace arch {
struct ProcessEntry;  // arch/<isa>/assembly_entry.h: the one way into a process, which programs its regions
}  // namespace arch

/// A range of addresses [start, end).
struct AddressRange {
  uint32_t start = 0;
  uint32_t end = 0;
  friend constexpr bool operator==(AddressRange const&, AddressRange const&) = default;
};

/// What the MPU/PMP must enforce for one process: its TBF (read+execute) and [mem_start, accessible end) of its RAM
/// block (read+write), where the accessible end is arch::ProtectionRules::accessible_end of the break. Only
/// ProcessMemory makes one, and only from values arch::ProtectionCheck (keel_arch/protection_check.h)
/// accepted, so architecture code can program it as it is: the (untrusted) rules' computation is checked, not
/// trusted. Only arch::ProcessEntry programs one, the entering process's, as it is at the entry.
class ProtectionRegions {
 public:
  constexpr ProtectionRegions() = default;  // nothing accessible
  constexpr AddressRange flash() const { return flash_; }
  /// The accessible RAM.
  constexpr AddressRange ram() const { return {block_.start, ram_end_}; }
  /// The whole RAM block (sized and aligned as arch::ProtectionRules asks), grant region included.
  constexpr AddressRange ram_block() const { return block_; }
  /// What the architecture chose once, at the claim (arch::ProtectionRules::fence).
  constexpr arch::Fence const& fence() const { return fence_; }
  /// Windows into other processes' RAM (ProcessMemory::open_window); off ones fence nothing. A slot beyond the
  /// architecture's count reads as an off window.
  constexpr arch::Window window(usize slot) const { return slot < kWindowCount ? windows_[slot] : arch::Window{}; }
  friend constexpr bool operator==(ProtectionRegions const&, ProtectionRegions const&) = default;

 private:
  friend class ProcessMemory;
  AddressRange flash_{};
  AddressRange block_{};
  uint32_t ram_end_ = 0;
  [[no_unique_address]] arch::Fence fence_{};  // empty on the PMP
  static constexpr usize kWindowCount = arch::ProtectionRules::kWindows;
  arch::Window windows_[kWindowCount]{};
};

class ProcessMemory {
 public:
  static constexpr usize kMaxGrants = 8;
  static constexpr usize kMaxClaims = 16;

  constexpr ProcessMemory() = default;
  ProcessMemory(ProcessMemory const&) = delete;
  ProcessMemory& operator=(ProcessMemory const&) = delete;

  /// Board code, once, before any claim: the app flash and the process RAM every process must lie in. `flash`
  /// must be readable memory and `ram` memory no kernel object uses.
  KEEL_UNSAFE static void set_board_regions(AddressRange flash, AddressRange ram);

  /// Takes a TBF and a RAM block for this process, once. Inval unless the TBF is 4-aligned, the RAM block is sized
  /// and aligned as arch::ProtectionRules asks (so the MPU/PMP can fence it), both lie inside the board's regions,
  /// and the RAM overlaps no block ever claimed (claims are not given back, so a view of a
  /// process's memory some kernel code still holds can never come to view another's grants) and the TBF no TBF
  /// ever claimed (what a process reads and executes as its own is no other's); Already if this one holds a claim;
  /// NoMem if the claim table is full.
  Result<void> claim(AddressRange flash, AddressRange ram);
  /// Host tests only (each test starts a fresh board): forgets every claim. Sound only with no process memory in
  /// use, which nothing can check.
  KEEL_UNSAFE static void forget_all_claims();
  /// A fresh run: every grant dropped, the break at min(mem_start + initial_size rounded to 4, mem_end), the
  /// accessible part zeroed. Not while a grant is entered (panics).
  void reset(uint32_t initial_size);
  /// Drops every grant (the process ended). Not while a grant is entered (panics).
  void drop_grants();
  /// Empties this process memory: nothing is accessible any more (its RAM stays claimed). Not while a grant is
  /// entered.
  void release();

  uint32_t flash_start() const { return regions_.flash_.start; }
  uint32_t flash_end() const { return regions_.flash_.end; }
  uint32_t mem_start() const { return regions_.block_.start; }
  uint32_t mem_end() const { return regions_.block_.end; }
  uint32_t brk() const { return brk_; }
  uint32_t kernel_break() const { return kernel_break_; }

  /// Whether [address, address + length) lies wholly in [mem_start, brk) / in the TBF. No sum can overflow.
  bool in_ram(uint32_t address, uint32_t length) const {
    return address >= regions_.block_.start && address <= brk_ && length <= brk_ - address;
  }
  bool in_flash(uint32_t address, uint32_t length) const {
    return address >= regions_.flash_.start && address <= regions_.flash_.end && length <= regions_.flash_.end - address;
  }
  /// The process's accessible RAM [address, address + length), if it lies wholly there.
  /// (Inline: yield and every allow ask.)
  Option<Slice<uint8_t>> ram(uint32_t address, uint32_t length) const {
    if (!in_ram(address, length)) { return none; }
    return Slice<uint8_t>::from_raw_parts(reinterpret_cast<uint8_t*>(static_cast<uintptr_t>(address)), length);
  }
  static constexpr uint32_t kFrameBytes = 32;
  /// Whether a 32-byte exception frame at `address` (4-byte aligned) lies in RAM this process can reach or once
  /// could (below the highest end ever exposed): its own memory, never a grant, another process's or the kernel's.
  /// Where the Cortex-M context switch may write a frame back. One subtraction and two tests: it runs per switch.
  bool holds_frame(uint32_t address) const {
    uint32_t const offset = address - regions_.block_.start;
    return offset < frame_span_ && (offset & 3U) == 0;  // the block starts 8-aligned
  }
  /// `count` words of its accessible RAM from a 4-byte-aligned `address`, if they lie wholly there (an exception
  /// frame on a process's stack). (Inline: every Cortex-M system call asks twice.)
  Option<Slice<uint32_t>> ram_words(uint32_t address, uint32_t count) const {
    if (count > 0x3FFF'FFFFU || !Bits::is_aligned(address, 4) || !in_ram(address, count * 4)) { return none; }
    return Slice<uint32_t>::from_raw_parts(reinterpret_cast<uint32_t*>(static_cast<uintptr_t>(address)), count);
  }
  /// Its accessible RAM or its TBF, read-only.
  Option<Slice<uint8_t const>> readable(uint32_t address, uint32_t length) const;

  /// Moves the break to `new_brk`. NoMem below max(mem_start, floor), or if the hardware would expose the grant
  /// region (arch::ProtectionRules::accessible_end beyond the kernel break). Memory that becomes accessible reads as
  /// zero.
  Result<void> set_brk(uint32_t new_brk, uint32_t floor);
  /// What set_brk zeroes when the break moves from `brk` to `new_brk` and the exposed end from `old_end` to
  /// `new_end`: from the old break when the break grows; else what the end newly passes. The (untrusted) rounding
  /// need not grow with the break (escape 302): an end that grows as the break comes down must not expose, unzeroed,
  /// what an earlier run or its dropped grants left there.
  static constexpr AddressRange newly_exposed(uint32_t brk, uint32_t new_brk, uint32_t old_end, uint32_t new_end) {
    uint32_t const from = new_brk > brk ? brk : old_end;
    return from < new_end ? AddressRange{from, new_end} : AddressRange{from, from};
  }

  static constexpr usize kWindows = arch::ProtectionRules::kWindows;
  /// Whether the hardware can fence [address, address + length) exactly as a window (what a buffer shared with
  /// another process must be; allow refuses others with Size).
  static bool window_fits(uint32_t address, uint32_t length) {
    return !(arch::ProtectionRules::window(address, length) == arch::Window{});
  }
  /// Lets this process read and write [address, address + length) of `owner`'s memory through window `slot`
  /// (replacing what that window showed). Inval unless `owner` is another process and the range lies wholly in its
  /// accessible RAM (so below everything it could ever reach, where no grant is ever carved); Size if the hardware
  /// cannot fence it exactly. Keeping the window only while the owner shares the buffer is the caller's policy
  /// (the kernel's IPC bookkeeping); what the window can reach is this check's.
  Result<void> open_window(usize slot, ProcessMemory const& owner, uint32_t address, uint32_t length);
  void close_window(usize slot) {
    if (slot < kWindows) {
      regions_changing();
      regions_.windows_[slot] = {};
    }
  }

  /// The PMP/MPU regions: the TBF, and [mem_start, accessible_end(brk)), which stays below the grants.
  /// Kept up to date with the break, so a context switch neither builds nor copies it.
  ProtectionRegions const& regions() const KEEL_LIFETIMEBOUND { return regions_; }

 private:
  friend struct arch::ProcessEntry;
  friend class GrantBase;
  template <typename T, uint32_t U, uint32_t R, uint32_t W> friend class GrantStorage;

  struct GrantEntry {
    uint32_t address = 0;      // 0: not allocated
    uint16_t owner = 0;        // the identity of the grant it was allocated for (GrantBase::identity_)
    bool entered = false;      // a Grant::enter for it is running
    bool constructed = false;  // the capsule's object has been constructed in it
  };

  /// The architecture's rounding of the break, held to its promise: within [brk, mem_end].
  uint32_t accessible_end(uint32_t brk) const {
    uint32_t const end = arch::ProtectionRules::accessible_end(regions_.block_.start, regions_.block_.end, brk);
    if (end < brk || end > regions_.block_.end) { protection_rules_broken(); }
    return end;
  }
  [[noreturn, gnu::cold]] static void protection_rules_broken();
  /// Carves `size` bytes (8-byte aligned, zeroed) off the top of the free space; 0 if it would reach brk.
  uint32_t allocate_grant(uint32_t size);
  [[gnu::always_inline]] GrantEntry& grant(uint32_t number) { return Slice<GrantEntry>(grants_)[number]; }
  [[gnu::always_inline]] GrantEntry const& grant(uint32_t number) const {
    return Slice<GrantEntry const>(grants_)[number];
  }

  uint32_t brk_ = 0;
  uint32_t kernel_break_ = 0;
  // The highest accessible end since the claim (restarts included): grants are only ever carved above it, so no
  // byte the process could once reach (and a stale view of it could still reach) ever holds a grant.
  uint32_t exposed_top_ = 0;
  // Offsets from mem_start at which a whole frame fits below exposed_top_ are those below this (0: none).
  uint32_t frame_span_ = 0;
  void raise_exposed_top(uint32_t end) {
    exposed_top_ = Bits::max(exposed_top_, end);
    uint32_t const reached = exposed_top_ - regions_.block_.start;
    frame_span_ = reached >= kFrameBytes ? reached - kFrameBytes + 1 : 0;
  }
  uint32_t grants_allocated_ = 0;  // allocations since the grants were last dropped
  // A C array, not Array: trusted code indexes nothing through an untrusted template.
  GrantEntry grants_[kMaxGrants]{};
  ProtectionRegions regions_{};  // what regions() gives: rebuilt by expose() whenever the break or the claim changes

  /// Rebuilds regions() for a new exposed end: the (untrusted) rules' regions, kept only if ProtectionCheck accepts
  /// them (else a panic: the rules are wrong).
  void expose(uint32_t end);

  // Which regions() the MPU/PMP holds: those of the claim whose RAM block starts at programmed_, as they are now, or
  // none known (kNotProgrammed). A block start names one claim for good (claims never overlap and are never given
  // back), and every ProcessMemory without a claim has the same empty regions (open_window needs a claim), so no
  // other object's regions can pass for the programmed ones. Set by arch::ProcessEntry when it programs them, cleared
  // before every change of those regions: so the entry into a process programs exactly when the hardware does not
  // hold what it must, whatever the (untrusted) kernel changed or scheduled meanwhile (escape 301).
  static constexpr uint32_t kNotProgrammed = 1;  // no block starts at an odd address
  static inline uint32_t programmed_ = kNotProgrammed;
  void regions_changing() const {
    if (programmed_ == regions_.block_.start) { programmed_ = kNotProgrammed; }
  }

  // Whose registers run with these regions: the address of the register state (arch::TrapFrame, arch::SavedState)
  // arch::ProcessEntry::enter enters with this memory, bound by the first entry after the claim, for good (0: none
  // yet). The claims table keeps each claim's, so no other claim's entry can take the same registers: the (untrusted)
  // kernel hands ProcessEntry a frame and a memory as two arguments, and pairing one process's registers with
  // another's memory would run the first process's code and registers with the other's regions (escape 450).
  // Mutable: ProcessEntry gets the memory as const, as every other reader does; only bind_frame sets it.
  mutable uintptr_t frame_ = 0;
  /// ProcessEntry::enter, when `frame` is not this memory's registers: binds them, or panics unless this memory holds
  /// a claim none has entered yet and `frame` are no other claim's registers.
  void bind_frame(uintptr_t frame) const;
  // The registers bound to the claim whose regions the MPU/PMP holds (meaningful while programmed_ names one): what
  // rv32's ProcessEntry::resume may run again, and nothing else.
  static inline uintptr_t programmed_frame_ = 0;
};

}  // namespace keel
