// SPDX-License-Identifier: Apache-2.0
#include "kernel/grant_kernel_data.h"

namespace keel {

Result<void> GrantKernelData::schedule_upcall(uint32_t subscribe_number, uint32_t a0, uint32_t a1, uint32_t a2) const {
  // The slot read by value and straight into the process: this is on every interrupt's way to a process.
  GrantSlot target;
  if (!load(GrantSlotKind::Upcall, subscribe_number, target)) { return Error(ErrorCode::Inval); }
  if (!process().schedule_upcall({driver_number(), subscribe_number}, {target.first, target.second}, {a0, a1, a2})) {
    return Error(ErrorCode::NoMem);
  }
  return success();
}

// The slot was checked at allow time; it is checked again here, by the trusted ProcessMemory, so a stale or forged
// slot never reaches outside the process's memory.
ReadOnlyProcessBuffer GrantKernelData::read_only_buffer(uint32_t number) const {
  Option<AllowSlot> const allowed = read_only_allow(number);
  if (allowed.is_none()) { return {}; }
  Option<Slice<uint8_t const>> const bytes = process().memory().readable(allowed.value().address, allowed.value().length);
  return bytes.is_some() ? ReadOnlyProcessBuffer(bytes.value()) : ReadOnlyProcessBuffer{};
}

ReadWriteProcessBuffer GrantKernelData::read_write_buffer(uint32_t number) const {
  Option<AllowSlot> const allowed = read_write_allow(number);
  if (allowed.is_none()) { return {}; }
  Option<Slice<uint8_t>> const bytes = process().memory().ram(allowed.value().address, allowed.value().length);
  return bytes.is_some() ? ReadWriteProcessBuffer(bytes.value()) : ReadWriteProcessBuffer{};
}

}  // namespace keel
