// SPDX-License-Identifier: Apache-2.0
// Grants: per-process kernel state for one driver, allocated on first use from that process's grant region (so a
// process that asks for much pays with its own memory, and running out gives NoMem to that process only).
//
// One grant allocation for process P and driver D:
//
//   [ upcall slots (U x {fn, appdata}) | read-only allows (R x {ptr, len}) | read-write allows (W x {ptr, len}) | T ]
//     ^ kernel-owned part: the syscall layer fills it on subscribe/allow                                          ^ the capsule's
//
// This is the trusted core: the allocation, the placement of T, the entered flag and the kernel-owned slots.
// Capsules use Grant (kernel/grant.h), built on GrantStorage here.
//
// TRUSTED: places T in raw process memory and turns the kernel-owned part into typed slices.
#pragma once

#include "kernel/core/result.h"
#include "kernel/process.h"
#include "kernel/process_buffer.h"
#include "kernel/upcall.h"

namespace keel {

class Kernel;
struct PlacementTag {};

}  // namespace keel

/// Placement construction into grant memory, with a tag so it never collides with <new>'s form.
inline void* operator new(keel::usize /*size*/, keel::PlacementTag /*tag*/, void* where) noexcept { return where; }

namespace keel {

class GrantBase;

/// How the grant core reaches a process's memory: the member itself, not an accessor untrusted code defines.
struct ProcessMemoryAccess {
  static ProcessMemory& of(Process& process) { return process.memory_; }
};

/// The kernel-owned part of one grant for one process, as the capsule sees it. Three references (the process, its
/// memory and the grant); the slots' addresses are computed when asked for.
class GrantKernelData {
 public:
  GrantKernelData(GrantKernelData const&) = delete;  // lives only in the call that made it (no default either)
  GrantKernelData& operator=(GrantKernelData const&) = delete;

  ProcessId process_id() const { return process_.id(); }

  /// Queues upcall `subscribe_number` with three arguments (queued even for a null subscription, for
  /// yield-wait-for). Inval for a bad number; NoMem if the process's upcall queue is full.
  Result<void> schedule_upcall(uint32_t subscribe_number, uint32_t a0, uint32_t a1, uint32_t a2) const;

  /// How many allow slots of each kind the grant has, and what slot `number` holds (none beyond the count): values,
  /// for the process console's listing.
  inline uint32_t read_only_allow_count() const;
  inline uint32_t read_write_allow_count() const;
  Option<AllowSlot> read_only_allow(uint32_t number) const { return value_of(slot<AllowSlot>(kReadOnlyAllows, number)); }
  /// What upcall `number` is subscribed to (function 0: nothing yet); none beyond the count.
  Option<UpcallSlot> upcall(uint32_t number) const { return value_of(slot<UpcallSlot>(kUpcalls, number)); }
  Option<AllowSlot> read_write_allow(uint32_t number) const {
    return value_of(slot<AllowSlot>(kReadWriteAllows, number));
  }

  /// The buffer of read-only allow `number` (empty when none, or the number is out of range).
  ReadOnlyProcessBuffer read_only_buffer(uint32_t number) const;
  ReadWriteProcessBuffer read_write_buffer(uint32_t number) const;

  // Used by the syscall layer: store `value` in kernel-owned slot `number` and give back what it held (none if the
  // grant has no such slot). Values in and out, never a reference: a reference into grant memory could be kept
  // until that memory holds another grant (after a restart) and write into it.
  Option<UpcallSlot> exchange_upcall(uint32_t number, UpcallSlot value) const {
    return exchange(slot<UpcallSlot>(kUpcalls, number), value);
  }
  Option<AllowSlot> exchange_read_only_allow(uint32_t number, AllowSlot value) const {
    return exchange(slot<AllowSlot>(kReadOnlyAllows, number), value);
  }
  Option<AllowSlot> exchange_read_write_allow(uint32_t number, AllowSlot value) const {
    return exchange(slot<AllowSlot>(kReadWriteAllows, number), value);
  }

 private:
  friend class GrantBase;
  template <typename T, uint32_t U, uint32_t R, uint32_t W> friend class GrantStorage;
  // The memory is taken from the process once, here: the grant core never asks the (untrusted) Process twice.
  GrantKernelData(Process& process, ProcessMemory& memory, GrantBase const& grant)
      : process_(process), memory_(memory), grant_(grant) {}

  enum Kind : uint32_t { kUpcalls, kReadOnlyAllows, kReadWriteAllows };
  /// Slot `number` of one kind of the kernel-owned part, if the grant has that many.
  template <typename Slot> [[gnu::always_inline]] inline Option<Slot&> slot(Kind kind, uint32_t number) const;
  template <typename Slot> static Option<Slot> value_of(Option<Slot&> slot) {
    if (slot.is_none()) { return none; }
    return slot.value();
  }
  template <typename Slot> static Option<Slot> exchange(Option<Slot&> slot, Slot value) {
    if (slot.is_none()) { return none; }
    Slot const previous = slot.value();
    slot.value() = value;
    return previous;
  }

  // References: a GrantKernelData exists only inside with_kernel_data or GrantStorage::run, never empty.
  Process& process_;
  ProcessMemory& memory_;
  GrantBase const& grant_;
};

/// What every grant has, whatever its capsule type; the syscall layer uses this to store subscriptions and allows.
class GrantBase {
 public:
  GrantBase(GrantBase const&) = delete;
  GrantBase& operator=(GrantBase const&) = delete;

  uint32_t driver_number() const { return driver_number_; }

  /// Runs f(GrantKernelData const&) for `process`, allocating the grant if needed; false (NoMem) if the grant region
  /// is full. A callback, not a returned value: the kernel-owned part is reached only while the call lasts.
  template <typename F> bool with_kernel_data(Process& process, F&& f) const {
    ProcessMemory& memory = ProcessMemoryAccess::of(process);
    if (allocation(memory) == 0) { return false; }
    ProcessMemory::GrantEntry& entry = memory.grant(grant_number_);
    if (entry.entered) { return false; }
    // Entered while f runs, as in GrantStorage::run: the allocation cannot be dropped (that panics) under a
    // GrantKernelData, so its slots need no second look.
    entry.entered = true;
    GrantKernelData const data(process, memory, *this);
    f(data);
    entry.entered = false;
    return true;
  }
  /// As with_kernel_data, but only if `process` already has this grant: nothing is allocated (false otherwise).
  template <typename F> bool with_existing_kernel_data(Process& process, F&& f) const {
    ProcessMemory& memory = ProcessMemoryAccess::of(process);
    if (!has_allocation(memory)) { return false; }
    return with_kernel_data(process, f);
  }

 protected:
  /// The allocation's address in `memory`, allocating it on first use; 0 if the grant region is full.
  uint32_t allocation(ProcessMemory& memory) const;
  uint32_t allocation(Process& process) const { return allocation(ProcessMemoryAccess::of(process)); }
  /// Whether `memory` holds this grant's allocation already.
  bool has_allocation(ProcessMemory& memory) const {
    ProcessMemory::GrantEntry const& entry = memory.grant(grant_number_);
    return entry.address != 0 && entry.owner == identity_;
  }

  Kernel& kernel_;
  uint16_t const identity_;  // which grant an allocation belongs to (never 0; distinct for every grant constructed)

 private:
  friend class GrantKernelData;
  template <typename T, uint32_t U, uint32_t R, uint32_t W> friend class GrantStorage;
  /// Only GrantStorage constructs one, with counts its static assertions bound (so no slot offset can wrap).
  GrantBase(Kernel& kernel, uint32_t driver_number, uint32_t upcalls, uint32_t read_only_allows,
            uint32_t read_write_allows, uint32_t object_size);

  uint32_t driver_number_;
  uint32_t grant_number_;
  // Slot indices: kind k holds slots [first_[k], first_[k + 1]) (a C array: no untrusted template in between).
  uint32_t first_[4];
  uint32_t object_offset_;  // 8 * first_[3], after the slots: 8-byte aligned, as aligned as any grant object
  uint32_t object_size_;
};

uint32_t GrantKernelData::read_only_allow_count() const {
  return grant_.first_[kReadWriteAllows] - grant_.first_[kReadOnlyAllows];
}
uint32_t GrantKernelData::read_write_allow_count() const {
  return grant_.first_[kReadWriteAllows + 1] - grant_.first_[kReadWriteAllows];
}

// Inline: schedule_upcall, on every interrupt's way to a process, asks for a slot. A GrantKernelData exists only
// while its allocation is entered (checked this grant's, and not droppable), so the entry's address is the allocation.
template <typename Slot>
Option<Slot&> GrantKernelData::slot(Kind kind, uint32_t number) const {
  uint32_t const address = memory_.grant(grant_.grant_number_).address;
  uint32_t const first = grant_.first_[kind];
  if (number >= grant_.first_[kind + 1] - first) { return none; }
  return *reinterpret_cast<Slot*>(static_cast<uintptr_t>(address + 8U * (first + number)));
}

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
    ProcessMemory& memory = ProcessMemoryAccess::of(process);
    ProcessMemory::GrantEntry& entry = memory.grant(grant_number_);
    if (entry.address == 0 || entry.owner != identity_ || entry.entered) { return false; }
    void* const place = reinterpret_cast<void*>(static_cast<uintptr_t>(entry.address + object_offset_));
    if (!entry.constructed) {
      new (PlacementTag{}, place) T{};
      entry.constructed = true;
    }
    T& object = *static_cast<T*>(place);
    GrantKernelData const data(process, memory, *this);
    entry.entered = true;
    f(object, data);
    entry.entered = false;
    return true;
  }
};

}  // namespace keel
