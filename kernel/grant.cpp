// SPDX-License-Identifier: Apache-2.0
// TRUSTED: the grant allocator. Turns addresses inside a process's grant region into typed slices and objects.
#include "kernel/grant.h"

#include "kernel/kernel.h"
#include "kernel/process_memory.h"

namespace keel {

static_assert(sizeof(UpcallSlot) == 8 && sizeof(AllowSlot) == 8, "grant layout assumes 8-byte slots");

GrantBase::GrantBase(Kernel& kernel, uint32_t driver_number, Layout layout)
    : kernel_(kernel), driver_number_(driver_number), grant_number_(kernel.create_grant_number()), layout_(layout) {}

Result<uint32_t> GrantBase::address_for(Process& process, bool& fresh) const {
  Process::GrantEntry& entry = process.grant_entry(grant_number_);
  fresh = !entry.constructed;
  if (entry.address != 0) { return entry.address; }
  uint32_t const size = object_offset() + layout_.object_size;
  Option<uint32_t> const address = process.allocate_grant_memory(size);
  if (address.is_none()) { return Error(ErrorCode::NoMem); }
  // Zero: slots start empty, and nothing the process once wrote here (before shrinking its break) leaks in.
  process_memory::zero(address.value(), size);
  entry.address = address.value();
  return entry.address;
}

Result<GrantKernelData> GrantBase::kernel_data(Process& process) const {
  bool fresh = false;
  KEEL_TRY_ASSIGN(uint32_t const address, address_for(process, fresh));
  return kernel_data_at(process, address);
}

GrantKernelData GrantBase::kernel_data_at(Process& process, uint32_t address) const {
  uint32_t const read_only_at = address + 8U * layout_.upcalls;
  uint32_t const read_write_at = read_only_at + 8U * layout_.read_only_allows;
  return GrantKernelData(
      process, driver_number_,
      Slice<UpcallSlot>::from_raw_parts(reinterpret_cast<UpcallSlot*>(static_cast<uintptr_t>(address)),
                                        layout_.upcalls),
      Slice<AllowSlot>::from_raw_parts(reinterpret_cast<AllowSlot*>(static_cast<uintptr_t>(read_only_at)),
                                       layout_.read_only_allows),
      Slice<AllowSlot>::from_raw_parts(reinterpret_cast<AllowSlot*>(static_cast<uintptr_t>(read_write_at)),
                                       layout_.read_write_allows));
}

Result<GrantBase::Entry> GrantBase::begin_enter(ProcessId pid) const {
  Option<Process&> found = kernel_.process(pid);
  if (found.is_none()) { return Error(ErrorCode::Fail); }
  Process& process = found.value();
  if (process.grant_entry(grant_number_).entered) { return Error(ErrorCode::Busy); }
  bool fresh = false;
  KEEL_TRY_ASSIGN(uint32_t const address, address_for(process, fresh));
  Process::GrantEntry& entry = process.grant_entry(grant_number_);
  entry.entered = true;
  entry.constructed = true;  // the caller constructs it now when `fresh`
  return Entry{&process, address, reinterpret_cast<void*>(static_cast<uintptr_t>(address + object_offset())), fresh};
}

void GrantBase::end_enter(Entry const& entry) const { entry.process->grant_entry(grant_number_).entered = false; }

Result<void> GrantKernelData::schedule_upcall(uint32_t subscribe_number, uint32_t a0, uint32_t a1, uint32_t a2) const {
  Option<UpcallSlot&> slot = upcalls_.get(subscribe_number);
  if (slot.is_none()) { return Error(ErrorCode::Inval); }
  PendingUpcall const upcall{UpcallId{driver_number_, subscribe_number}, slot.value(), {{a0, a1, a2}}};
  if (!process_->upcalls().push(upcall)) { return Error(ErrorCode::NoMem); }
  return success();
}

ReadOnlyProcessBuffer GrantKernelData::read_only_buffer(uint32_t number) const {
  Option<AllowSlot&> slot = read_only_.get(number);
  if (slot.is_none()) { return {}; }
  AllowSlot const buffer = slot.value();
  // Checked at allow time; checked again so a stale slot can never reach outside the process.
  if (!process_->in_ram(buffer.address, buffer.length) && !process_->in_flash(buffer.address, buffer.length)) {
    return {};
  }
  return ReadOnlyProcessBuffer(process_memory::const_bytes(buffer.address, buffer.length));
}

ReadWriteProcessBuffer GrantKernelData::read_write_buffer(uint32_t number) const {
  Option<AllowSlot&> slot = read_write_.get(number);
  if (slot.is_none()) { return {}; }
  AllowSlot const buffer = slot.value();
  if (!process_->in_ram(buffer.address, buffer.length)) { return {}; }
  return ReadWriteProcessBuffer(process_memory::bytes(buffer.address, buffer.length));
}

}  // namespace keel
