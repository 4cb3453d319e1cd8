// SPDX-License-Identifier: Apache-2.0
// The system-call layer (shared/spec/abi.md, TRD 104): every argument a process passes is checked here, against
// that process's own memory, before anything keeps it. A bad request gets an error code; only a call the ABI says
// must fault (an unknown class) faults the process.
#include "kernel/core/text.h"
#include "kernel/core/utility.h"
#include "kernel/grant.h"
#include "kernel/kernel.h"
#include "kernel/syscall_driver.h"

namespace keel {
namespace {

enum class Memop : uint32_t {
  Brk = 0,
  Sbrk = 1,
  MemoryStart = 2,
  MemoryEnd = 3,
  FlashStart = 4,
  FlashEnd = 5,
  GrantRegionStart = 6,
  WriteableFlashCount = 7,
  WriteableFlashStart = 8,
  WriteableFlashEnd = 9,
  StackTopHint = 10,
  HeapStartHint = 11,
};

enum class YieldVariant : uint32_t { NoWait = 0, Wait = 1, WaitFor = 2 };
enum class ExitVariant : uint32_t { Terminate = 0, Restart = 1 };

}  // namespace

void Kernel::handle_syscall(Process& process, Syscall const& call, Platform const& platform) {
  process.count_syscall();
  if (call.class_number >= kSyscallClassCount) {
    fault(process, static_text("unknown system call class"), static_text("class"), call.class_number);
    return;
  }
  switch (static_cast<SyscallClass>(call.class_number)) {
    case SyscallClass::Yield:
      yield(process, call);
      return;
    case SyscallClass::Subscribe:
      process.context().set_return(subscribe(process, call, platform));
      return;
    case SyscallClass::Command: {
      Option<SyscallDriver const&> driver = platform.driver(call.args[0]);
      // Two calls, not one on a conditional: the answer for a missing driver is a constant, which set_return
      // (inline) then writes without looking up its register count.
      if (driver.is_none()) {
        process.context().set_return(SyscallReturn::failure(ErrorCode::NoDevice));
        return;
      }
      process.context().set_return(driver.value().command(call.args[1], call.args[2], call.args[3], process.id()));
      return;
    }
    case SyscallClass::ReadWriteAllow:
    case SyscallClass::ReadOnlyAllow:
    case SyscallClass::UserspaceReadableAllow:
      process.context().set_return(allow(process, call, platform, static_cast<SyscallClass>(call.class_number)));
      return;
    case SyscallClass::Memop:
      process.context().set_return(memop(process, call));
      return;
    case SyscallClass::Exit:
      exit(process, call);
      return;
  }
}

void Kernel::yield(Process& process, Syscall const& call) {
  switch (static_cast<YieldVariant>(call.args[0])) {
    case YieldVariant::NoWait: {
      bool const has_upcall = process.upcalls().has_deliverable();
      // The flag is written only where the process may write; 0 or a bad address is simply not written.
      uint32_t const flag_address = call.args[1];
      if (flag_address != 0) { (void)process.write_ram_byte(flag_address, has_upcall ? 1 : 0); }
      if (has_upcall) {
        process.set_state(ProcessState::Yielded);
        wake_if_ready(process);
      }
      return;
    }
    case YieldVariant::Wait:
      process.set_state(ProcessState::Yielded);
      wake_if_ready(process);
      return;
    case YieldVariant::WaitFor:
      process.set_waiting_for(UpcallId{call.args[1], call.args[2]});
      process.set_state(ProcessState::YieldedFor);
      wake_if_ready(process);
      return;
  }
  // Any other variant returns at once (TRD 104).
}

SyscallReturn Kernel::subscribe(Process& process, Syscall const& call, Platform const& platform) {
  uint32_t const driver_number = call.args[0];
  uint32_t const number = call.args[1];
  UpcallSlot const requested{call.args[2], call.args[3]};
  auto refuse = [&](ErrorCode e) { return SyscallReturn::failure_u32_u32(e, requested.function, requested.appdata); };

  Option<SyscallDriver const&> driver = platform.driver(driver_number);
  if (driver.is_none()) { return refuse(ErrorCode::NoDevice); }
  bool const callable = requested.function == 0 || process.in_flash(requested.function, 2) ||
                        process.in_ram(requested.function, 2);
  if (!callable) { return refuse(ErrorCode::Inval); }
  Option<GrantBase const&> grant = driver.value().grant();
  if (grant.is_none()) { return refuse(ErrorCode::Inval); }
  Option<UpcallSlot> previous;
  bool const allocated = grant.value().with_kernel_data(
      process, [&](GrantKernelData const& data) { previous = data.exchange_upcall(number, requested); });
  if (!allocated) { return refuse(ErrorCode::NoMem); }
  if (previous.is_none()) { return refuse(ErrorCode::Inval); }
  process.upcalls().remove_all(UpcallId{driver_number, number});
  driver.value().subscribed(process.id(), number);
  return SyscallReturn::success_u32_u32(previous.value().function, previous.value().appdata);
}

SyscallReturn Kernel::allow(Process& process, Syscall const& call, Platform const& platform, SyscallClass kind) {
  uint32_t const number = call.args[1];
  AllowSlot requested{call.args[2], call.args[3]};
  auto refuse = [&](ErrorCode e) { return SyscallReturn::failure_u32_u32(e, requested.address, requested.length); };

  Option<SyscallDriver const&> driver = platform.driver(call.args[0]);
  if (driver.is_none()) { return refuse(ErrorCode::NoDevice); }
  // A zero-length allow revokes, whatever the pointer: the slot keeps nothing (a failure still echoes the pointer).
  AllowSlot const stored = requested.length == 0 ? AllowSlot{} : requested;
  if (requested.length != 0) {
    bool const in_ram = process.in_ram(requested.address, requested.length);
    bool const in_flash = process.in_flash(requested.address, requested.length);
    bool const valid = kind == SyscallClass::ReadOnlyAllow ? (in_ram || in_flash) : in_ram;
    if (!valid) { return refuse(ErrorCode::Inval); }
  }
  if (kind == SyscallClass::UserspaceReadableAllow) { return refuse(ErrorCode::NoSupport); }
  Option<GrantBase const&> grant = driver.value().grant();
  if (grant.is_none()) { return refuse(ErrorCode::Inval); }
  bool const shared = kind == SyscallClass::ReadWriteAllow && driver.value().shares_read_write_allows();
  if (kind == SyscallClass::ReadWriteAllow && requested.length != 0) {
    if (overlaps_read_write_allow(process, platform, call.args[0], number, requested)) {
      return refuse(ErrorCode::Inval);
    }
    // A buffer another process may come to reach is fenced exactly or not at all (never rounded open).
    if (shared && !ProcessMemory::window_fits(requested.address, requested.length)) {
      return refuse(ErrorCode::Size);
    }
  }
  Option<AllowSlot> previous;
  bool const allocated = grant.value().with_kernel_data(process, [&](GrantKernelData const& data) {
    previous = kind == SyscallClass::ReadOnlyAllow ? data.exchange_read_only_allow(number, stored)
                                                   : data.exchange_read_write_allow(number, stored);
  });
  if (!allocated) { return refuse(ErrorCode::NoMem); }
  if (previous.is_none()) { return refuse(ErrorCode::Inval); }
  if (shared) { revoke_windows_onto(process.id().index, false, call.args[0], number); }
  if (requested.length != 0 && process.in_ram(requested.address, requested.length)) {
    process.note_allowed_buffer_end(requested.address + requested.length);
  }
  return SyscallReturn::success_u32_u32(previous.value().address, previous.value().length);
}

bool Kernel::overlaps_read_write_allow(Process& process, Platform const& platform, uint32_t driver_number,
                                       uint32_t number, AllowSlot buffer) {
  bool overlap = false;
  for (usize index = 0; !overlap; ++index) {
    Option<SyscallDriver const&> const driver = platform.driver_at(index);
    if (driver.is_none()) { break; }
    Option<GrantBase const&> const grant = driver.value().grant();
    if (grant.is_none()) { continue; }
    bool const same_driver = grant.value().driver_number() == driver_number;
    (void)with_existing_kernel_data(grant.value(), process, [&](GrantKernelData const& data) {
      for (uint32_t n = 0; n < data.read_write_allow_count() && !overlap; ++n) {
        if (same_driver && n == number) { continue; }  // the slot this allow replaces
        Option<AllowSlot> const other = data.read_write_allow(n);
        if (other.is_none() || other.value().length == 0) { continue; }
        // Half-open ranges, compared without forming an end that could wrap (both lie in the process's RAM).
        overlap = buffer.address - other.value().address < other.value().length ||
                  other.value().address - buffer.address < buffer.length;
      }
    });
  }
  return overlap;
}

namespace {

/// Memops 7-9: the writeable flash regions, read from the process's TBF (a process keeps no copy; few apps have any,
/// and fewer ask); none: no such region. Out of line and cold, and answering a number rather than a SyscallReturn,
/// so that the common memops keep their short prologue and straight paths.
[[gnu::noinline, gnu::cold]] Option<uint32_t> writeable_flash(Process const& process, Memop op, uint32_t index) {
  tbf::WriteableRegions const regions = tbf::writeable_regions(process.tbf(), index);
  if (op == Memop::WriteableFlashCount) { return regions.count; }
  if (regions.chosen.is_none()) { return none; }
  tbf::FlashRegion const region = regions.chosen.value();
  uint32_t const start = process.memory().flash_start() + region.offset;
  return op == Memop::WriteableFlashStart ? start : start + region.size;
}

}  // namespace

SyscallReturn Kernel::memop(Process& process, Syscall const& call) {
  uint32_t const argument = call.args[1];
  ProcessMemory const& layout = process.memory();
  switch (static_cast<Memop>(call.args[0])) {
    case Memop::Brk: {
      Result<void> const moved = process.set_brk(argument);
      return moved.is_ok() ? SyscallReturn::success() : SyscallReturn::failure(moved.error());
    }
    case Memop::Sbrk: {
      uint32_t const old_brk = process.app_brk();
      int64_t const target = static_cast<int64_t>(old_brk) + static_cast<int32_t>(argument);
      if (target < 0 || target > static_cast<int64_t>(UINT32_MAX)) { return SyscallReturn::failure(ErrorCode::NoMem); }
      Result<void> const moved = process.set_brk(static_cast<uint32_t>(target));
      return moved.is_ok() ? SyscallReturn::success_u32(old_brk) : SyscallReturn::failure(moved.error());
    }
    case Memop::MemoryStart: return SyscallReturn::success_u32(layout.mem_start());
    case Memop::MemoryEnd: return SyscallReturn::success_u32(layout.mem_end());
    case Memop::FlashStart: return SyscallReturn::success_u32(layout.flash_start());
    case Memop::FlashEnd: return SyscallReturn::success_u32(layout.flash_end());
    case Memop::GrantRegionStart: return SyscallReturn::success_u32(process.kernel_break());
    case Memop::WriteableFlashCount:
    case Memop::WriteableFlashStart:
    case Memop::WriteableFlashEnd: {
      Option<uint32_t> const value = writeable_flash(process, static_cast<Memop>(call.args[0]), argument);
      return value.is_some() ? SyscallReturn::success_u32(value.value()) : SyscallReturn::failure(ErrorCode::Fail);
    }
    case Memop::StackTopHint:
    case Memop::HeapStartHint:
      return SyscallReturn::success();
  }
  return SyscallReturn::failure(ErrorCode::NoSupport);
}

void Kernel::exit(Process& process, Syscall const& call) {
  switch (static_cast<ExitVariant>(call.args[0])) {
    case ExitVariant::Terminate:
      out_->str("keel: process '").bytes_as_text(process.name()).str("' exited with code ").dec(call.args[1]).str("\n");
      end_process(process, call.args[1]);
      return;
    case ExitVariant::Restart:
      out_->str("keel: process '").bytes_as_text(process.name()).str("' restarts (exit code ").dec(call.args[1]).str(")\n");
      start_process(process);
      return;
  }
  process.context().set_return(SyscallReturn::failure(ErrorCode::NoSupport));
}

}  // namespace keel
