// SPDX-License-Identifier: Apache-2.0
// A process's pending upcalls, oldest first, in a fixed-size ring.
//
// Two kinds of entries share it: upcalls with a function (delivered by yield-wait / yield-no-wait) and events for a
// null subscription, kept only so that yield-wait-for can collect them. A null-subscription event replaces an older
// one with the same id rather than piling up, and is the first thing evicted when the queue is full, so such events
// can never crowd out real upcalls.
//
// Entries are written and read in place (push takes the fields, take_* lends the entry to a function before it is
// removed): a whole-entry copy is a memcpy call on the target, and this queue is on the upcall-latency path. A ring
// makes removing the oldest entry, the common case, free of copies.
#pragma once

#include "kernel/core/array.h"
#include "kernel/core/cell.h"
#include "kernel/upcall.h"

namespace keel {

class UpcallQueue {
 public:
  static constexpr usize kCapacity = 8;

  /// Queues an upcall. False when the queue is full of deliverable upcalls (the new one is dropped).
  bool push(UpcallId id, UpcallSlot target, uint32_t a0, uint32_t a1, uint32_t a2) {
    // The common case, a deliverable upcall into a queue with room, is a straight line; the rest is a tail call.
    if (target.function == 0 || count_ == kCapacity) { return push_after_making_room(id, target, a0, a1, a2); }
    append(id, target, a0, a1, a2);
    return true;
  }
  /// Calls f(PendingUpcall const&) with the oldest entry that has a function, then removes it. False if none.
  template <typename F> bool take_deliverable(F&& f) {
    return take_first([](PendingUpcall const& e) { return e.target.function != 0; }, f);
  }
  /// Calls f(PendingUpcall const&) with the oldest entry for `id` (with or without a function), then removes it.
  template <typename F> bool take_matching(UpcallId id, F&& f) {
    return take_first([id](PendingUpcall const& e) { return e.id == id; }, f);
  }
  /// Calls f(PendingUpcall const&) with the oldest entry for which pred(entry) holds, then removes it. False if none.
  template <typename P, typename F> bool take_first(P const& pred, F&& f) {
    usize const k = find(pred);
    if (k == count_) { return false; }
    f(static_cast<PendingUpcall const&>(at(k)));
    remove_at(k);
    return true;
  }
  /// Drops every entry for `id` (a new subscription replaces what was pending).
  void remove_all(UpcallId id);
  bool has_deliverable() const { return find([](PendingUpcall const& e) { return e.target.function != 0; }) < count_; }
  bool has_matching(UpcallId id) const { return find([id](PendingUpcall const& e) { return e.id == id; }) < count_; }
  usize size() const { return count_; }
  /// Calls f(PendingUpcall const&) for every entry, oldest first (the process console lists them).
  template <typename F> void for_each(F&& f) const {
    for (usize k = 0; k < count_; ++k) { f(at(k)); }
  }
  /// How many upcalls have been queued, in every process's queue, modulo 2^32: a change tells the scheduler that
  /// some process may have become ready.
  static uint32_t pushes() { return pushes_.get(); }
  /// Counts an upcall that was delivered without passing through a queue (Process::schedule_upcall).
  static void count_push() { pushes_.set(pushes_.get() + 1); }
  void clear() {
    head_ = 0;
    count_ = 0;
  }

 private:
  static_assert((kCapacity & (kCapacity - 1)) == 0, "ring positions wrap with a mask");

  /// The k-th oldest entry.
  PendingUpcall& at(usize k) { return entries_[(head_ + k) & (kCapacity - 1)]; }
  PendingUpcall const& at(usize k) const { return entries_[(head_ + k) & (kCapacity - 1)]; }
  /// Position (0 = oldest) of the first entry matching `pred`; count_ if none.
  template <typename P> usize find(P const& pred) const {
    usize k = 0;
    while (k < count_ && !pred(at(k))) { ++k; }
    return k;
  }
  [[gnu::always_inline]] void remove_at(usize k) {
    if (k != 0) { return remove_later(k); }
    head_ = (head_ + 1) & (kCapacity - 1);
    --count_;
  }
  /// Removes an entry that is not the oldest: the later ones move up (rare: wait-for, or a replaced event).
  [[gnu::cold]] void remove_later(usize k);
  /// A null-subscription event first drops the older one it replaces; a full queue then drops its oldest
  /// null-subscription event. False (nothing queued) if the queue stays full.
  bool push_after_making_room(UpcallId id, UpcallSlot target, uint32_t a0, uint32_t a1, uint32_t a2);
  void append(UpcallId id, UpcallSlot target, uint32_t a0, uint32_t a1, uint32_t a2) {
    PendingUpcall& entry = at(count_);
    entry.id = id;
    entry.target = target;
    entry.args[0] = a0;
    entry.args[1] = a1;
    entry.args[2] = a2;
    ++count_;
    count_push();
  }

  static constinit inline Cell<uint32_t> pushes_{0};

  Array<PendingUpcall, kCapacity> entries_{};
  usize head_ = 0;
  usize count_ = 0;
};

}  // namespace keel
