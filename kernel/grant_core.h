// SPDX-License-Identifier: Apache-2.0
// Grants: per-process kernel state for one driver, allocated on first use from that process's grant region (so a
// process that asks for much pays with its own memory, and running out gives NoMem to that process only).
//
// One grant allocation for process P and driver D:
//
//   [ upcall slots (U x {fn, appdata}) | read-only allows (R x {ptr, len}) | read-write allows (W x {ptr, len}) | T ]
//     ^ kernel-owned part: the syscall layer fills it on subscribe/allow                                          ^ the capsule's
//
// This is the trusted core: the allocation, its layout, the placement of T and the entered flag. It lends the
// kernel-owned part only as a GrantKernelView (kernel/grant_view.h), the base of the GrantKernelData it builds;
// capsules use Grant (kernel/grant.h), built on GrantStorage here.
//
// TRUSTED: places T in raw process memory, and makes the views of the kernel-owned part, only on an entered allocation.
#pragma once

#include "kernel/grant_kernel_data.h"
#include "kernel/grant_view.h"
#include "kernel/process.h"

namespace keel {

class Kernel;
struct PlacementTag {};

}  // namespace keel

/// Placement construction into grant memory, with a tag so it never collides with <new>'s form.
inline void* operator new(keel::usize /*size*/, keel::PlacementTag /*tag*/, void* where) noexcept { return where; }

namespace keel {

/// How the grant core reaches a process's memory: the member itself, not an accessor untrusted code defines.
struct ProcessMemoryAccess {
  static ProcessMemory& of(Process& process) { return process.memory_; }
};

/// What every grant has, whatever its capsule type; the syscall layer uses this to store subscriptions and allows.
class GrantBase {
 public:
  GrantBase(GrantBase const&) = delete;
  GrantBase& operator=(GrantBase const&) = delete;

  uint32_t driver_number() const { return shape_.driver_number; }

  /// Runs f(GrantKernelData const&) for `process`, allocating the grant if needed; false (NoMem) if the grant region
  /// is full. A callback, not a returned value: the kernel-owned part is reached only while the call lasts.
  template <typename F> bool with_kernel_data(Process& process, F&& f) const {
    ProcessMemory& memory = ProcessMemoryAccess::of(process);
    if (allocation(memory) == 0) { return false; }
    return lend(process, memory.grant(grant_number_), f);
  }
  /// Whether `process` holds this grant's allocation already.
  bool has_allocation(Process& process) const {
    ProcessMemory::GrantEntry const& entry = ProcessMemoryAccess::of(process).grant(grant_number_);
    return entry.address != 0 && entry.owner == identity_;
  }

 protected:
  /// The allocation's address in `memory`, allocating it on first use; 0 if the grant region is full.
  uint32_t allocation(ProcessMemory& memory) const;
  uint32_t allocation(Process& process) const { return allocation(ProcessMemoryAccess::of(process)); }

  Kernel& kernel_;

 private:
  template <typename T, uint32_t U, uint32_t R, uint32_t W> friend class GrantStorage;
  /// Runs f(GrantKernelData const&) on `entry`, which must be this grant's allocation for `process` (both callers
  /// check), entered while f runs, so the allocation cannot be dropped (that panics) under the view; false if it is
  /// entered already.
  template <typename F> bool lend(Process& process, ProcessMemory::GrantEntry& entry, F&& f) const {
    if (entry.entered) { return false; }
    entry.entered = true;
    // Aggregate initialisation of the (untrusted) GrantKernelData: its GrantKernelView base is built here, by the
    // view's private constructor, so no other code can make one (nor copy one: the view cannot be copied). A
    // temporary, so it ends with this statement: whatever its untrusted type runs on destruction runs entered too.
    f(GrantKernelData{{process, shape_, entry.address}});
    entry.entered = false;
    return true;
  }

  /// Only GrantStorage constructs one, with counts its static assertions bound (so no slot offset can wrap).
  GrantBase(Kernel& kernel, uint32_t driver_number, uint32_t upcalls, uint32_t read_only_allows,
            uint32_t read_write_allows, uint32_t object_size);

  uint16_t const identity_;  // which grant an allocation belongs to (never 0; distinct for every grant constructed)
  uint32_t grant_number_;
  GrantShape const shape_;  // the slots' kind ranges, which every view of this grant is bounded by
  uint32_t object_offset_;  // 8 * shape_.first[3], after the slots: 8-byte aligned, as aligned as any grant object
  uint32_t object_size_;
};

/// The typed part of a grant: runs a function on the capsule's object in one process's grant. Sound for any process
/// a caller passes: it runs only on an allocation of this very grant that is not entered already.
template <typename T, uint32_t Upcalls, uint32_t ReadOnlyAllows, uint32_t ReadWriteAllows>
class GrantStorage : public GrantBase {
  static_assert(alignof(T) <= 8, "grant objects are 8-byte aligned at most");
  // Small enough that no layout sum can wrap (GrantBase has no other constructor).
  static_assert(Upcalls <= 64 && ReadOnlyAllows <= 64 && ReadWriteAllows <= 64, "at most 64 slots of each kind");
  static_assert(sizeof(T) <= 0x10000, "a grant object is at most 64 KiB");

 protected:
  GrantStorage(Kernel& kernel, uint32_t driver_number)
      : GrantBase(kernel, driver_number, Upcalls, ReadOnlyAllows, ReadWriteAllows, static_cast<uint32_t>(sizeof(T))) {}

  /// Runs f(T&, GrantKernelData const&) if `process` has this grant allocated and not entered (constructing T on
  /// first use); returns whether it ran.
  template <typename F> bool run(Process& process, F& f) const {
    // One ProcessMemory for the whole run: checks, address and slots all come from the same entry.
    ProcessMemory::GrantEntry& entry = ProcessMemoryAccess::of(process).grant(grant_number_);
    if (entry.address == 0 || entry.owner != identity_) { return false; }
    // T is constructed inside the entered call too: nothing its constructor does can drop the allocation under it.
    return lend(process, entry, [&](GrantKernelData const& data) {
      void* const place = reinterpret_cast<void*>(static_cast<uintptr_t>(entry.address + object_offset_));
      if (!entry.constructed) {
        ::new (PlacementTag{}, place) T{};  // :: so that no operator new T declares is chosen
        entry.constructed = true;
      }
      f(*static_cast<T*>(place), data);
    });
  }
};

}  // namespace keel
