// SPDX-License-Identifier: Apache-2.0
#include "kernel/upcall_queue.h"

namespace keel {

bool UpcallQueue::push_after_making_room(UpcallId id, UpcallSlot target, uint32_t a0, uint32_t a1, uint32_t a2) {
  if (target.function == 0) {
    usize const same = find([id](PendingUpcall const& e) { return e.id == id && e.target.function == 0; });
    if (same < count_) { remove_at(same); }
  }
  if (count_ == kCapacity) {
    // Make room by dropping the oldest null-subscription event, never a deliverable upcall.
    usize const null_event = find([](PendingUpcall const& e) { return e.target.function == 0; });
    if (null_event == count_) { return false; }
    remove_at(null_event);
  }
  append(id, target, a0, a1, a2);
  return true;
}

void UpcallQueue::remove_all(UpcallId id) {
  usize kept = 0;
  for (usize k = 0; k < count_; ++k) {
    if (!(at(k).id == id)) {
      if (kept != k) { at(kept) = at(k); }
      ++kept;
    }
  }
  count_ = kept;
}

void UpcallQueue::remove_later(usize k) {
  for (usize i = k; i + 1 < count_; ++i) { at(i) = at(i + 1); }
  --count_;
}

}  // namespace keel
