// SPDX-License-Identifier: Apache-2.0
// Process: one app's run-time state: where its TBF and RAM are, its break, its grants, pending upcalls and saved
// registers.
//
// Its memory (TBF, RAM, break, grant region) is a ProcessMemory (kernel/process_memory.h), the trusted part that
// checks every address; the rest here is bookkeeping the scheduler and the system calls need.
#pragma once

#include "kernel/arch.h"
#include "kernel/core/array.h"
#include "kernel/core/option.h"
#include "kernel/core/result.h"
#include "kernel/process_id.h"
#include "kernel/process_memory.h"
#include "kernel/tbf.h"
#include "kernel/upcall_queue.h"

namespace keel {

enum class ProcessState : uint8_t {
  Unused,      // empty table slot
  Runnable,    // ready to run (or running)
  Yielded,     // blocked in yield-wait until a deliverable upcall arrives
  YieldedFor,  // blocked in yield-wait-for until one specific upcall arrives
  Terminated,  // exited, or stopped by the restart policy
  // Stopped from the process console: not scheduled, upcalls still queue; start() resumes the state it had.
  StoppedRunnable,
  StoppedYielded,
  StoppedYieldedFor,
};

/// What the kernel reported about a process's last fault, kept for the process console (`process NAME`).
struct FaultRecord {
  StaticSlice<char const> cause{};
  StaticSlice<char const> value_name{};  // empty: the fault has no value
  uint32_t value = 0;
  uint32_t pc = 0;
  uint32_t stack_pointer = 0;
  uint32_t fault_count = 0;  // faults in this boot, 0: never faulted (the record is empty)
};

/// The RAM below the break a process starts with: its TBF's minimum_ram_size, and at least the room the architecture's
/// first entry needs (abi.md "Starting a process": on Cortex-M app_brk >= mem_start + 32, for the first svc's frame).
constexpr uint32_t initial_ram_size(uint32_t minimum_ram_size) {
  return minimum_ram_size > arch::UserContext::kInitialBreakRoom ? minimum_ram_size
                                                                 : arch::UserContext::kInitialBreakRoom;
}

/// Where a process lives: its TBF in flash and its RAM block. All bounds are 4-byte aligned.
struct ProcessLayout {
  uint32_t flash_start = 0;  // TBF start
  uint32_t flash_end = 0;    // TBF start + total_size
  uint32_t mem_start = 0;
  uint32_t mem_end = 0;      // grant region included
};

/// What one of a process's windows into another process's RAM shows: the buffer the owner has allowed in read-write
/// slot `allow_number` of driver `driver_number` (IPC's sharing). Kept so the kernel can close the window the moment
/// the owner stops sharing it.
struct SharedWindow {
  // The owner's table index + 1, so that 0 (all-zero, like the rest of a Process) is a closed window and no flag
  // word is needed.
  uint32_t owner_plus_one = 0;
  uint32_t driver_number = 0;
  uint32_t allow_number = 0;

  bool open() const { return owner_plus_one != 0; }
  bool shows(uint32_t owner_index) const { return open() && owner_plus_one - 1 == owner_index; }
};

class Process {
 public:
  static constexpr usize kMaxGrants = ProcessMemory::kMaxGrants;

  constexpr Process() = default;
  Process(Process const&) = delete;
  Process& operator=(Process const&) = delete;

  /// Fills an empty table slot from a checked TBF header (of which it keeps tbf::AppHeader); start() makes it run.
  /// The memory's claim can fail (Inval: outside the board's regions, misaligned or overlapping another process).
  Result<void> create(uint32_t index, tbf::Header const& header, ProcessLayout const& layout);
  /// A fresh start (also used for restart): RAM zeroed, grants and upcalls dropped, registers as at boot.
  void start(uint32_t identifier);
  /// Empties the table slot: the process's memory claim is given up.
  void release() {
    memory_.release();
    state_ = ProcessState::Unused;
  }
  /// Ends the process for good (exit, or the restart policy gave up); its grants and upcalls are dropped.
  void terminate(uint32_t completion_code);

  ProcessId id() const { return id_; }
  ProcessState state() const { return state_; }
  void set_state(ProcessState state) { state_ = state; }
  /// Whether it could run now: runnable, or blocked in yield with what it waits for already queued.
  bool can_run() const {
    switch (state_) {
      case ProcessState::Runnable: return true;
      case ProcessState::Yielded: return upcalls_.has_deliverable();
      case ProcessState::YieldedFor: return upcalls_.has_matching(waiting_for_);
      default: return false;
    }
  }
  bool is_alive() const { return state_ != ProcessState::Unused && state_ != ProcessState::Terminated; }
  bool is_stopped() const {
    return state_ == ProcessState::StoppedRunnable || state_ == ProcessState::StoppedYielded ||
           state_ == ProcessState::StoppedYieldedFor;
  }
  /// Stops a live process (it keeps its state, memory and queued upcalls, and is not scheduled); false if it is not
  /// running or blocked (already stopped, terminated).
  bool stop();
  /// Resumes a stopped process where it was; false if it was not stopped.
  bool resume();
  /// Its package name, read from its TBF (empty if it has none).
  Slice<uint8_t const> name() const;
  tbf::AppHeader const& header() const { return header_; }
  /// The process's whole TBF (header, binary, footers), as its memory lets the kernel read it.
  Slice<uint8_t const> tbf() const {
    return memory_.readable(memory_.flash_start(), memory_.flash_end() - memory_.flash_start()).value_or({});
  }
  /// Its TBF's storage permissions, read from the TBF each time (kernel/tbf.h storage_permissions).
  tbf::StoragePermissions storage_permissions() const;
  ProcessMemory const& memory() const { return memory_; }
  uint32_t app_brk() const { return memory_.brk(); }
  uint32_t kernel_break() const { return memory_.kernel_break(); }
  uint32_t app_start() const { return memory_.flash_start() + header_.binary_offset; }
  uint32_t restart_count() const { return restart_count_; }
  /// Saturates at 65535 (a count kept in the padding after the state bytes).
  void count_restart() {
    if (restart_count_ != 0xFFFFU) { ++restart_count_; }
  }
  uint32_t completion_code() const { return completion_code_; }
  /// System calls made and upcalls delivered since boot (restarts included), for the process console.
  uint32_t syscall_count() const { return syscall_count_; }
  void count_syscall() { ++syscall_count_; }
  uint32_t upcall_count() const { return upcall_count_; }
  FaultRecord const& last_fault() const { return last_fault_; }
  void record_fault(FaultRecord const& record) { last_fault_ = record; }
  /// The regions the MPU/PMP must enforce for this process right now.
  ProtectionRegions const& protection_regions() const KEEL_LIFETIMEBOUND { return memory_.regions(); }

  bool in_ram(uint32_t address, uint32_t length) const { return memory_.in_ram(address, length); }
  bool in_flash(uint32_t address, uint32_t length) const { return memory_.in_flash(address, length); }
  /// Stores one byte at `address` if it lies in the process's accessible RAM; false (nothing written) otherwise.
  bool write_ram_byte(uint32_t address, uint8_t value) const;

  /// Moves the break. NoMem if it would pass the grant region, drop below mem_start or below an allowed buffer.
  Result<void> set_brk(uint32_t new_brk);
  /// Records an allowed buffer's end so the break can never move below it.
  void note_allowed_buffer_end(uint32_t end);

  /// An upcall for this process (GrantKernelData::schedule_upcall). If the process is blocked in a yield that this
  /// upcall ends and has nothing older queued, the yield ends with it at once, exactly as the scheduler's
  /// wake_if_ready would end it with the queued entry a moment later; otherwise it is queued. False: the queue is
  /// full (the upcall is dropped). Either way it counts as a push (UpcallQueue::pushes, which the scheduler watches).
  [[gnu::always_inline]] bool schedule_upcall(UpcallId id, UpcallSlot target, Array<uint32_t, 3> const& args) {
    if (upcalls_.size() == 0 && end_yield_with(id, target, args)) {
      UpcallQueue::count_push();
      return true;
    }
    return upcalls_.push(id, target, args[0], args[1], args[2]);
  }
  /// Ends the yield the process is blocked in, if `id`/`target` is what it waits for: an upcall with a function
  /// for yield-wait (entered: the process continues in it), the awaited id for yield-wait-for (its arguments are
  /// the yield's return values). Returns whether it did; the process is then runnable.
  bool end_yield_with(UpcallId id, UpcallSlot target, Array<uint32_t, 3> const& args) {
    if (state_ == ProcessState::Yielded && target.function != 0) {
      context_.enter_upcall(target, args);
    } else if (state_ == ProcessState::YieldedFor && id == waiting_for_) {
      context_.set_raw_return(args);
    } else {
      return false;
    }
    state_ = ProcessState::Runnable;
    ++upcall_count_;
    return true;
  }

  /// Lets this process reach [address, address + length) of `owner`'s RAM, the buffer `owner` allowed in read-write
  /// slot (driver_number, allow_number), through a window: the one showing that slot already, else a free one, else
  /// the one opened longest ago. The trusted memory checks the range (ProcessMemory::open_window).
  Result<void> open_window(Process const& owner, uint32_t driver_number, uint32_t allow_number, uint32_t address,
                           uint32_t length);
  /// Closes the windows onto `owner_index`'s slot (driver_number, allow_number), or onto all of its memory when
  /// `all_slots`.
  void close_windows_onto(uint32_t owner_index, bool all_slots, uint32_t driver_number, uint32_t allow_number);
  SharedWindow const& window(usize slot) const { return windows_[slot]; }

  UpcallQueue& upcalls() { return upcalls_; }
  UpcallQueue const& upcalls() const { return upcalls_; }
  /// The upcall a yield-wait-for is waiting on.
  UpcallId waiting_for() const { return waiting_for_; }
  void set_waiting_for(UpcallId id) { waiting_for_ = id; }

  /// The grant core (trusted) reaches memory_ directly, never through a function of this (untrusted) class, whose
  /// answer it could not rely on.
  friend struct ProcessMemoryAccess;

  arch::UserContext& context() { return context_; }
  arch::UserContext const& context() const { return context_; }

 private:
  tbf::AppHeader header_{};
  ProcessState state_ = ProcessState::Unused;
  uint8_t oldest_window_ = 0;  // which window open_window replaces when all are open
  uint16_t restart_count_ = 0;
  ProcessMemory memory_{};
  ProcessId id_{};
  uint32_t allowed_high_water_ = 0;
  uint32_t completion_code_ = 0;
  uint32_t syscall_count_ = 0;
  uint32_t upcall_count_ = 0;
  FaultRecord last_fault_{};
  UpcallId waiting_for_{};
  UpcallQueue upcalls_{};
  Array<SharedWindow, ProcessMemory::kWindows> windows_{};
  arch::UserContext context_{};
};

}  // namespace keel
