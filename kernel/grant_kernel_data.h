// SPDX-License-Identifier: Apache-2.0
// GrantKernelData: the kernel-owned part of one grant for one process (its subscriptions and allows), as a capsule
// and the syscall layer see it. Built on the trusted GrantKernelView (kernel/grant_view.h), which gives slots only
// by value and only inside their kind's range; this part shapes them into upcalls, allows and process buffers.
//
// Only the grant core makes one: it is an aggregate around the view, whose constructor only the core may call, so
// code here cannot make, copy or keep one (the view cannot be copied), and none outlives the call that lent it.
#pragma once

#include "kernel/core/option.h"
#include "kernel/core/result.h"
#include "kernel/grant_view.h"
#include "kernel/process.h"
#include "kernel/process_buffer.h"
#include "kernel/upcall.h"

namespace keel {

// No constructor and no data member of its own (it must stay an aggregate, which the grant core initialises).
class GrantKernelData : public GrantKernelView {
 public:
  ProcessId process_id() const { return process().id(); }

  /// Queues upcall `subscribe_number` with three arguments (queued even for a null subscription, for
  /// yield-wait-for). Inval for a bad number; NoMem if the process's upcall queue is full.
  Result<void> schedule_upcall(uint32_t subscribe_number, uint32_t a0, uint32_t a1, uint32_t a2) const;

  /// How many allow slots of each kind the grant has, and what slot `number` holds (none beyond the count): values,
  /// for the process console's listing.
  uint32_t read_only_allow_count() const { return count(GrantSlotKind::ReadOnlyAllow); }
  uint32_t read_write_allow_count() const { return count(GrantSlotKind::ReadWriteAllow); }
  Option<AllowSlot> read_only_allow(uint32_t number) const { return value<AllowSlot>(GrantSlotKind::ReadOnlyAllow, number); }
  /// What upcall `number` is subscribed to (function 0: nothing yet); none beyond the count.
  Option<UpcallSlot> upcall(uint32_t number) const { return value<UpcallSlot>(GrantSlotKind::Upcall, number); }
  Option<AllowSlot> read_write_allow(uint32_t number) const {
    return value<AllowSlot>(GrantSlotKind::ReadWriteAllow, number);
  }

  /// The buffer of read-only allow `number` (empty when none, or the number is out of range).
  ReadOnlyProcessBuffer read_only_buffer(uint32_t number) const;
  ReadWriteProcessBuffer read_write_buffer(uint32_t number) const;

  // Used by the syscall layer: store `value` in kernel-owned slot `number` and give back what it held (none if the
  // grant has no such slot). Values in and out, never a reference: a reference into grant memory could be kept
  // until that memory holds another grant (after a restart) and write into it.
  Option<UpcallSlot> exchange_upcall(uint32_t number, UpcallSlot value) const {
    return exchange<UpcallSlot>(GrantSlotKind::Upcall, number, {value.function, value.appdata});
  }
  Option<AllowSlot> exchange_read_only_allow(uint32_t number, AllowSlot value) const {
    return exchange<AllowSlot>(GrantSlotKind::ReadOnlyAllow, number, {value.address, value.length});
  }
  Option<AllowSlot> exchange_read_write_allow(uint32_t number, AllowSlot value) const {
    return exchange<AllowSlot>(GrantSlotKind::ReadWriteAllow, number, {value.address, value.length});
  }

 private:
  /// Slot `number` of `kind` as an UpcallSlot or AllowSlot (both {word, word}); none if the grant has no such slot.
  template <typename Slot> Option<Slot> value(GrantSlotKind kind, uint32_t number) const {
    GrantSlot slot;
    if (!load(kind, number, slot)) { return none; }
    return Slot{slot.first, slot.second};
  }
  template <typename Slot> Option<Slot> exchange(GrantSlotKind kind, uint32_t number, GrantSlot words) const {
    Option<Slot> const previous = value<Slot>(kind, number);
    if (previous.is_some()) { (void)store(kind, number, words); }
    return previous;
  }
};

}  // namespace keel
