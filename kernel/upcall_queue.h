// SPDX-License-Identifier: Apache-2.0
// A process's pending upcalls, oldest first, in a fixed-size queue.
//
// Two kinds of entries share it: upcalls with a function (delivered by yield-wait / yield-no-wait) and events for a
// null subscription, kept only so that yield-wait-for can collect them. A null-subscription event replaces an older
// one with the same id rather than piling up, and is the first thing evicted when the queue is full, so such events
// can never crowd out real upcalls.
#pragma once

#include "kernel/core/array.h"
#include "kernel/core/option.h"
#include "kernel/upcall.h"

namespace keel {

class UpcallQueue {
 public:
  static constexpr usize kCapacity = 8;

  /// Queues an upcall. False when the queue is full of deliverable upcalls (the new one is dropped).
  bool push(PendingUpcall const& upcall);
  /// Removes and returns the oldest entry that has a function.
  Option<PendingUpcall> pop_deliverable();
  /// Removes and returns the oldest entry for `id`, with or without a function.
  Option<PendingUpcall> pop_matching(UpcallId id);
  /// Drops every entry for `id` (a new subscription replaces what was pending).
  void remove_all(UpcallId id);
  bool has_deliverable() const;
  bool has_matching(UpcallId id) const;
  usize size() const { return count_; }
  void clear() { count_ = 0; }

 private:
  void remove_at(usize index);

  Array<PendingUpcall, kCapacity> entries_{};
  usize count_ = 0;
};

}  // namespace keel
