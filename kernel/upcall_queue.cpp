// SPDX-License-Identifier: Apache-2.0
#include "kernel/upcall_queue.h"

namespace keel {

bool UpcallQueue::push(PendingUpcall const& upcall) {
  bool const is_null = upcall.target.function == 0;
  if (is_null) {
    for (usize i = 0; i < count_; ++i) {
      if (entries_[i].id == upcall.id && entries_[i].target.function == 0) {
        remove_at(i);
        break;
      }
    }
  }
  if (count_ == kCapacity) {
    // Make room by dropping the oldest null-subscription event, never a deliverable upcall.
    for (usize i = 0; i < count_; ++i) {
      if (entries_[i].target.function == 0) {
        remove_at(i);
        break;
      }
    }
  }
  if (count_ == kCapacity) { return false; }
  entries_[count_] = upcall;
  ++count_;
  return true;
}

Option<PendingUpcall> UpcallQueue::pop_deliverable() {
  for (usize i = 0; i < count_; ++i) {
    if (entries_[i].target.function != 0) {
      PendingUpcall const found = entries_[i];
      remove_at(i);
      return found;
    }
  }
  return none;
}

Option<PendingUpcall> UpcallQueue::pop_matching(UpcallId id) {
  for (usize i = 0; i < count_; ++i) {
    if (entries_[i].id == id) {
      PendingUpcall const found = entries_[i];
      remove_at(i);
      return found;
    }
  }
  return none;
}

void UpcallQueue::remove_all(UpcallId id) {
  usize kept = 0;
  for (usize i = 0; i < count_; ++i) {
    if (!(entries_[i].id == id)) {
      entries_[kept] = entries_[i];
      ++kept;
    }
  }
  count_ = kept;
}

bool UpcallQueue::has_deliverable() const {
  for (usize i = 0; i < count_; ++i) {
    if (entries_[i].target.function != 0) { return true; }
  }
  return false;
}

bool UpcallQueue::has_matching(UpcallId id) const {
  for (usize i = 0; i < count_; ++i) {
    if (entries_[i].id == id) { return true; }
  }
  return false;
}

void UpcallQueue::remove_at(usize index) {
  for (usize i = index; i + 1 < count_; ++i) { entries_[i] = entries_[i + 1]; }
  --count_;
}

}  // namespace keel
