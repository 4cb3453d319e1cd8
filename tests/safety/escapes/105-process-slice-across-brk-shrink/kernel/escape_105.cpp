// SPDX-License-Identifier: Apache-2.0
// memop "release tail": gives the last `length` bytes of a process's heap back to the kernel, poisoning them first
// so that a process reading freed memory sees the pattern it chose; the driver's grant is allocated right away,
// while the freed room is there.
#include "kernel/grant.h"
#include "kernel/process.h"

namespace keel {

Result<void> escape_105_release_tail(Process& process, GrantBase const& grant, uint32_t length, uint8_t poison) {
  uint32_t const top = process.app_brk();
  if (length > top - process.memory().mem_start()) { return Error(ErrorCode::Inval); }
  Option<Slice<uint8_t>> const tail = process.memory().ram(top - length, length);
  if (tail.is_none()) { return Error(ErrorCode::Inval); }
  Slice<uint8_t> const bytes = tail.value();
  KEEL_TRY(process.set_brk(top - length));
  // Carved from the top of the free space: the tail just released.
  if (!grant.with_kernel_data(process, [](GrantKernelData const& /*data*/) {})) { return Error(ErrorCode::NoMem); }
  bytes.fill(poison);                    // the grant's upcall slots, allow slots and capsule object
  return success();
}

}  // namespace keel
