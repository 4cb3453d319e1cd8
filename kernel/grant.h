// SPDX-License-Identifier: Apache-2.0
// Grants: per-process kernel state for one driver, allocated on first use from that process's grant region (so a
// process that asks for much pays with its own memory, and running out gives NoMem to that process only).
//
// One grant allocation for process P and driver D:
//
//   [ upcall slots (U x {fn, appdata}) | read-only allows (R x {ptr, len}) | read-write allows (W x {ptr, len}) | T ]
//     ^ kernel-owned part: the syscall layer fills it on subscribe/allow                                          ^ the capsule's
//
// Setup: the board creates one Grant per driver: `Grant<App, 2, 1, 1> grant(kernel, kDriverNumber);`
// Usage (capsule): `grant_.enter(pid, [&](App& app, GrantKernelData const& kernel_data) { ... });`
//
// TRUSTED: places T in raw process memory and turns the kernel-owned part into typed slices.
#pragma once

#include "kernel/core/result.h"
#include "kernel/core/slice.h"
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

/// The kernel-owned part of one grant for one process, as the capsule sees it.
class GrantKernelData {
 public:
  GrantKernelData() = default;  // only so Result<GrantKernelData> can hold an error
  GrantKernelData(Process& process, uint32_t driver_number, Slice<UpcallSlot> upcalls, Slice<AllowSlot> read_only,
                  Slice<AllowSlot> read_write)
      : process_(&process), driver_number_(driver_number), upcalls_(upcalls), read_only_(read_only),
        read_write_(read_write) {}

  ProcessId process_id() const { return process_->id(); }

  /// Queues upcall `subscribe_number` with three arguments (queued even for a null subscription, for
  /// yield-wait-for). Inval for a bad number; NoMem if the process's upcall queue is full.
  Result<void> schedule_upcall(uint32_t subscribe_number, uint32_t a0, uint32_t a1, uint32_t a2) const;

  /// The buffer of read-only allow `number` (empty when none, or the number is out of range).
  ReadOnlyProcessBuffer read_only_buffer(uint32_t number) const;
  ReadWriteProcessBuffer read_write_buffer(uint32_t number) const;

  // Used by the syscall layer.
  Slice<UpcallSlot> upcall_slots() const { return upcalls_; }
  Slice<AllowSlot> read_only_slots() const { return read_only_; }
  Slice<AllowSlot> read_write_slots() const { return read_write_; }
  uint32_t driver_number() const { return driver_number_; }
  Process& process() const { return *process_; }

 private:
  Process* process_ = nullptr;
  uint32_t driver_number_ = 0;
  Slice<UpcallSlot> upcalls_{};
  Slice<AllowSlot> read_only_{};
  Slice<AllowSlot> read_write_{};
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
  /// An entered grant: the process, the capsule object's address, and the kernel-owned part.
  struct Entry {
    Process* process;
    uint32_t base;  // start of the allocation (the kernel-owned part)
    void* object;   // the capsule's T, after the kernel-owned part
    bool fresh;     // allocated just now: T must be constructed
  };

  GrantBase(Kernel& kernel, uint32_t driver_number, Layout layout);

  /// Looks up a live process and its grant memory (allocating it), marks it entered. Errors: Fail (no such
  /// process), NoMem, Busy (already entered: a re-entrant enter of the same grant and process).
  Result<Entry> begin_enter(ProcessId pid) const;
  void end_enter(Entry const& entry) const;
  GrantKernelData kernel_data_at(Process& process, uint32_t address) const;
  /// Calls visit(ProcessId) for each live process that has this grant allocated.
  template <typename F> void for_each_allocated(F&& visit) const;

  Kernel& kernel_;

 private:
  Result<uint32_t> address_for(Process& process, bool& fresh) const;
  uint32_t kernel_part_size() const { return 8U * (layout_.upcalls + layout_.read_only_allows + layout_.read_write_allows); }
  uint32_t object_offset() const { return align_up(kernel_part_size(), layout_.object_align); }

  uint32_t driver_number_;
  uint32_t grant_number_;
  Layout layout_;
};

template <typename T, uint32_t Upcalls, uint32_t ReadOnlyAllows, uint32_t ReadWriteAllows>
class Grant : public GrantBase {
  static_assert(alignof(T) <= 8, "grant objects are 8-byte aligned at most");

 public:
  Grant(Kernel& kernel, uint32_t driver_number)
      : GrantBase(kernel, driver_number,
                  Layout{Upcalls, ReadOnlyAllows, ReadWriteAllows, static_cast<uint32_t>(sizeof(T)),
                         static_cast<uint32_t>(alignof(T))}) {}

  /// Runs f(T&, GrantKernelData const&) for process `pid`, allocating its grant on first use. Returns f's result,
  /// or Fail (no such process), NoMem (grant region full), Busy (this grant is already entered for pid).
  template <typename F> auto enter(ProcessId pid, F&& f) const {
    using R = InvokeResult<F, T&, GrantKernelData const&>;
    auto entry = begin_enter(pid);
    if constexpr (is_same<R, void>) {
      if (entry.is_error()) { return Result<void>(Error(entry.error())); }
      run(entry.value(), f);
      return success();
    } else {
      if (entry.is_error()) { return Result<R>(Error(entry.error())); }
      return Result<R>(run(entry.value(), f));
    }
  }

  /// Runs f(ProcessId, T&, GrantKernelData const&) for every live process that has this grant allocated.
  template <typename F> void each(F&& f) const {
    for_each_allocated([&](ProcessId pid) {
      // A process whose grant is already entered (re-entry) is skipped, as enter() refuses it.
      (void)enter(pid, [&](T& object, GrantKernelData const& data) { f(pid, object, data); });
    });
  }

 private:
  template <typename F> auto run(Entry const& entry, F& f) const {
    if (entry.fresh) { new (kPlacement, entry.object) T{}; }
    T& object = *static_cast<T*>(entry.object);
    GrantKernelData const data = kernel_data_at(*entry.process, entry.base);
    if constexpr (is_same<InvokeResult<F, T&, GrantKernelData const&>, void>) {
      f(object, data);
      end_enter(entry);
    } else {
      auto result = f(object, data);
      end_enter(entry);
      return result;
    }
  }
};

}  // namespace keel

#include "kernel/kernel.h"

namespace keel {

template <typename F> void GrantBase::for_each_allocated(F&& visit) const {
  kernel_.for_each_process([&](Process& process) {
    if (process.is_alive() && process.grant_entry(grant_number_).address != 0) { visit(process.id()); }
  });
}

}  // namespace keel
