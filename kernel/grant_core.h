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
#include "kernel/core/utility.h"
#include "kernel/process.h"
#include "kernel/process_buffer.h"
#include "kernel/upcall.h"

namespace keel {

class Kernel;

struct PlacementTag {};
inline constexpr PlacementTag kPlacement{};

}  // namespace keel

/// Placement construction into grant memory, with a tag so it never collides with <new>'s form.
inline void* operator new(keel::usize /*size*/, keel::PlacementTag /*tag*/, void* where) noexcept { return where; }

namespace keel {

class GrantBase;

/// The kernel-owned part of one grant for one process, as the capsule sees it. Two words (the process and the
/// grant), so it is passed and returned in registers; the slots' addresses are computed when asked for.
class GrantKernelData {
 public:
  GrantKernelData() = default;  // only so Result<GrantKernelData> can hold an error

  ProcessId process_id() const { return process_.get().id(); }

  /// Queues upcall `subscribe_number` with three arguments (queued even for a null subscription, for
  /// yield-wait-for). Inval for a bad number; NoMem if the process's upcall queue is full.
  Result<void> schedule_upcall(uint32_t subscribe_number, uint32_t a0, uint32_t a1, uint32_t a2) const;

  /// The buffer of read-only allow `number` (empty when none, or the number is out of range).
  ReadOnlyProcessBuffer read_only_buffer(uint32_t number) const;
  ReadWriteProcessBuffer read_write_buffer(uint32_t number) const;

  // Used by the syscall layer: the kernel-owned slot `number` (none if the grant has no such slot).
  inline Option<UpcallSlot&> upcall_slot(uint32_t number) const;
  Option<AllowSlot&> read_only_slot(uint32_t number) const;
  Option<AllowSlot&> read_write_slot(uint32_t number) const;

 private:
  friend class GrantBase;
  template <typename T, uint32_t U, uint32_t R, uint32_t W> friend class GrantStorage;
  GrantKernelData(Process& process, GrantBase const& grant) : process_(process), grant_(grant) {}

  /// The slot at index `first + number` of the kernel-owned part, if number < count.
  template <typename Slot> Option<Slot&> slot(uint32_t first, uint32_t count, uint32_t number) const;
  [[gnu::always_inline]] inline uint32_t base() const;

  // Refs (a default-constructed one panics when used): a GrantKernelData never points at nothing.
  Ref<Process> process_{};
  Ref<GrantBase const> grant_{};
};

/// What every grant has, whatever its capsule type; the syscall layer uses this to store subscriptions and allows.
class GrantBase {
 public:
  GrantBase(GrantBase const&) = delete;
  GrantBase& operator=(GrantBase const&) = delete;

  uint32_t driver_number() const { return driver_number_; }

  /// The kernel-owned part for `process`, allocating the grant if needed. NoMem if the grant region is full.
  Result<GrantKernelData> kernel_data(Process& process) const;

 protected:
  struct Layout {
    uint32_t upcalls;
    uint32_t read_only_allows;
    uint32_t read_write_allows;
    uint32_t object_size;
    uint32_t object_align;
  };

  GrantBase(Kernel& kernel, uint32_t driver_number, Layout layout);

  ProcessMemory::GrantEntry& entry_of(Process& process) const { return process.grant_memory().grant(grant_number_); }
  /// The capsule object's memory in `process`'s (allocated) grant.
  void* object_memory(Process& process) const {
    return reinterpret_cast<void*>(static_cast<uintptr_t>(entry_of(process).address + object_offset_));
  }

  /// The allocation's address in `process`, allocating it on first use; 0 if the grant region is full.
  uint32_t allocation(Process& process) const;

  Kernel& kernel_;
  uint16_t const identity_;  // which grant an allocation belongs to (never 0; distinct for every grant a board has)

 private:
  friend class GrantKernelData;

  uint32_t driver_number_;
  uint32_t grant_number_;
  Layout layout_;
  uint32_t object_offset_;  // the capsule object's offset in the allocation, after the kernel-owned part
};

// Inline: schedule_upcall, on every interrupt's way to a process, asks for a slot.
uint32_t GrantKernelData::base() const { return process_.get().grant_memory().grant(grant_.get().grant_number_).address; }

template <typename Slot> Option<Slot&> GrantKernelData::slot(uint32_t first, uint32_t count, uint32_t number) const {
  if (number >= count) { return none; }
  return *reinterpret_cast<Slot*>(static_cast<uintptr_t>(base() + 8U * (first + number)));
}

Option<UpcallSlot&> GrantKernelData::upcall_slot(uint32_t number) const {
  return slot<UpcallSlot>(0, grant_.get().layout_.upcalls, number);
}

/// The typed part of a grant: runs a function on the capsule's object in one process's grant. Sound for any process
/// a caller passes: it runs only on an allocation of this very grant that is not entered already.
template <typename T, uint32_t Upcalls, uint32_t ReadOnlyAllows, uint32_t ReadWriteAllows>
class GrantStorage : public GrantBase {
  static_assert(alignof(T) <= 8, "grant objects are 8-byte aligned at most");
  // Small enough that no layout sum can wrap (GrantBase checks it again at run time).
  static_assert(Upcalls <= 64 && ReadOnlyAllows <= 64 && ReadWriteAllows <= 64, "at most 64 slots of each kind");
  static_assert(sizeof(T) <= 0x10000, "a grant object is at most 64 KiB");

 protected:
  GrantStorage(Kernel& kernel, uint32_t driver_number)
      : GrantBase(kernel, driver_number,
                  Layout{Upcalls, ReadOnlyAllows, ReadWriteAllows, static_cast<uint32_t>(sizeof(T)),
                         static_cast<uint32_t>(alignof(T))}) {}

  /// Runs f(T&, GrantKernelData const&) if `process` has this grant allocated and not entered (constructing T on
  /// first use); returns whether it ran.
  template <typename F> bool run(Process& process, F& f) const {
    ProcessMemory::GrantEntry& entry = entry_of(process);
    if (entry.address == 0 || entry.owner != identity_ || entry.entered) { return false; }
    void* const memory = object_memory(process);
    if (!entry.constructed) {
      new (kPlacement, memory) T{};
      entry.constructed = true;
    }
    T& object = *static_cast<T*>(memory);
    GrantKernelData const data(process, *this);
    entry.entered = true;
    f(object, data);
    entry.entered = false;
    return true;
  }
};

}  // namespace keel
