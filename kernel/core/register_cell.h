// SPDX-License-Identifier: Apache-2.0
// The storage of one memory-mapped register: a register-width unsigned integer that is only ever loaded (`get`) and
// stored (`set`) whole, as one volatile access each. The access kind is part of the type: a read-only cell has no
// `set`, a write-only cell no `get`. Everything typed on top (ReadOnly / WriteOnly / ReadWrite with named bit fields,
// read-modify-write, snapshots, Reserved gaps, offset checks) is kernel/core/registers.h, in the safe subset; where a
// register block lives is kernel/core/mmio.h's business.
//
// TRUSTED: the kernel's only `volatile` load and store (registers, and the integers of virtqueue rings a device
// shares: chips/qemu-virt/virtqueue_shared.h).
#pragma once

#include "kernel/core/types.h"
#include "kernel/core/utility.h"

namespace keel::mmio {

/// The widths a register can have: an unsigned integer of 8, 16, 32 or 64 bits (no references, pointers or classes).
template <typename T>
concept RegisterWidth = is_same<T, uint8_t> || is_same<T, uint16_t> || is_same<T, uint32_t> || is_same<T, uint64_t>;

enum class Access { ReadOnly, WriteOnly, ReadWrite };

template <RegisterWidth T, Access A> class RegisterCell {
 public:
  T get() const requires(A != Access::WriteOnly) { return value_; }
  void set(T raw) requires(A != Access::ReadOnly) { value_ = raw; }

 private:
  volatile T value_;
};

}  // namespace keel::mmio
