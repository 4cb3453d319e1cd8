// SPDX-License-Identifier: Apache-2.0
// The typed view of one grant allocation's kernel-owned slots, for one process:
//
//   [ upcall slots (U) | read-only allows (R) | read-write allows (W) | T ]   each slot two words, 8 bytes
//
// The grant core (kernel/grant_core.h) makes one only while the allocation is entered (so it cannot be dropped or
// reused under the view), and only as the base of the GrantKernelData it hands to a capsule or the syscall layer
// (kernel/grant_kernel_data.h, untrusted: everything that shapes slots into upcalls, allows and buffers is there).
// A slot is reached only by value, and only if it lies in its kind's range: a reference into grant memory could be
// kept until that memory holds another grant (after a restart).
//
// TRUSTED: turns the allocation's address into its slots, bounded by the kind ranges the grant core computed.
#pragma once

#include "kernel/core/types.h"

namespace keel {

class Process;

/// One kernel-owned slot, as the grant core stores it: {function, appdata} of an upcall, {address, length} of an
/// allow. A type of the trusted core, so what is read out of grant memory is two plain integers whatever untrusted
/// types (UpcallSlot, AllowSlot) look like.
struct GrantSlot {
  uint32_t first = 0;
  uint32_t second = 0;
};
static_assert(sizeof(GrantSlot) == 8, "the grant layout places slots 8 bytes apart");

enum class GrantSlotKind : uint32_t { Upcall, ReadOnlyAllow, ReadWriteAllow };

/// What a view needs of its grant, set once by the grant core: kind k holds slots [first[k], first[k + 1]), and
/// first[3] slots come before the grant's object. A C array: no untrusted template between the core and its bounds.
struct GrantShape {
  uint32_t driver_number = 0;
  uint32_t first[4] = {};
};

class GrantKernelView {
 public:
  GrantKernelView(GrantKernelView const&) = delete;  // lives only in the call that lent it (no default either)
  GrantKernelView& operator=(GrantKernelView const&) = delete;

 protected:
  Process& process() const { return process_; }
  uint32_t driver_number() const { return shape_.driver_number; }
  /// How many slots of `kind` the grant has (0 for a kind that does not exist).
  [[gnu::always_inline]] uint32_t count(GrantSlotKind kind) const {
    uint32_t const k = static_cast<uint32_t>(kind);
    return k < 3 ? shape_.first[k + 1] - shape_.first[k] : 0;
  }
  /// Copies slot `number` of `kind` into `slot` / replaces it with `slot`; false (nothing read or written) if the
  /// grant has no such slot. (Inline, as all of the view: schedule_upcall, on every interrupt's way to a process,
  /// loads a slot.)
  [[gnu::always_inline]] bool load(GrantSlotKind kind, uint32_t number, GrantSlot& slot) const {
    if (number >= count(kind)) { return false; }
    slot = *at(kind, number);
    return true;
  }
  [[gnu::always_inline]] bool store(GrantSlotKind kind, uint32_t number, GrantSlot slot) const {
    if (number >= count(kind)) { return false; }
    *at(kind, number) = slot;
    return true;
  }

 private:
  friend class GrantBase;
  template <typename T, uint32_t U, uint32_t R, uint32_t W> friend class GrantStorage;
  // Not explicit: the core builds the GrantKernelData around it by aggregate initialisation, where only the core
  // (a friend) may call this.
  GrantKernelView(Process& process, GrantShape const& shape, uint32_t address)
      : process_(process), shape_(shape), address_(address) {}

  /// Only after count() admitted `number`: below first[3], so inside the kernel-owned part of the allocation.
  [[gnu::always_inline]] GrantSlot* at(GrantSlotKind kind, uint32_t number) const {
    uint32_t const index = shape_.first[static_cast<uint32_t>(kind)] + number;
    return reinterpret_cast<GrantSlot*>(static_cast<uintptr_t>(address_ + 8U * index));
  }

  // References and the address: a view exists only inside GrantBase::with_kernel_data or GrantStorage::run, on an
  // allocation they entered, never empty.
  Process& process_;
  GrantShape const& shape_;
  uint32_t const address_;
};

}  // namespace keel
