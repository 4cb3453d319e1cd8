// SPDX-License-Identifier: Apache-2.0
// Kernel: the process table, the loader, the system-call layer and the main loop.
//
// Setup (board): create the Kernel with its process table (`KEEL_STATIC_BUFFER(Process, Kernel::kMaxProcesses)`,
// zero-initialised static storage, so it costs nothing at boot; the kernel is its one owner), then the grants and
// capsules (each grant takes the kernel), then load_processes() with the app flash region and the RAM left for
// processes, then run() (never returns).
//
// The loop runs with interrupts masked: it services pending interrupts and deferred calls, then gives the next
// runnable process (round robin) a timeslice; the process runs until it blocks in yield, exits, faults, an
// interrupt arrives or the timeslice ends. With nothing to run the chip sleeps until an interrupt.
//
// Tickless when alone: a timeslice is only armed when another process could run too. A process that is the only
// one ready runs without a scheduler tick (preempting it would only resume it), and the kernel decides again
// whenever it gets control back: an interrupt or deferred call, or an upcall queued during a system call (which
// may have made another process ready).
//
// An upcall for a process blocked in the yield it ends, with nothing older queued, ends that yield at once
// (Process::schedule_upcall) instead of waiting in the queue for the scheduler's next pass: on the way from an
// interrupt to a waiting process, the queue entry would be written only to be read back a moment later.
#pragma once

#include "kernel/core/ref.h"
#include "kernel/chip.h"
#include "kernel/core/array.h"
#include "kernel/core/option.h"
#include "kernel/core/slice.h"
#include "kernel/process.h"
#include "kernel/process_buffer.h"
#include "kernel/scheduler_timer.h"
#include "kernel/syscall.h"
#include "kernel/writer.h"

namespace keel {

class Platform;
class GrantBase;

/// The board's answer to a faulting process: restart it up to `max_restarts` times, then stop it.
struct RestartPolicy {
  uint32_t max_restarts = 0;
};

class Kernel {
 public:
  /// The process table size boards use.
  static constexpr usize kMaxProcesses = 8;
  /// Grant region reserved above each process's minimum_ram_size.
  static constexpr uint32_t kGrantRegionSize = 1024;
  /// Tock 2.x compatibility this kernel reports to TBF kernel-version checks.
  static constexpr uint16_t kVersionMajor = 2;
  static constexpr uint16_t kVersionMinor = 2;

  Kernel(StaticRef<Writer const> out, RestartPolicy policy, StaticBuffer<Process> processes)
      : out_(out), policy_(policy), processes_(move(processes)) {}
  Kernel(Kernel const&) = delete;
  Kernel& operator=(Kernel const&) = delete;

  /// Gives each Grant its slot in every process's grant table.
  uint32_t create_grant_number();

  /// Walks the TBFs in `flash` (bytes of the app region at `flash.start`) and creates a process for each valid,
  /// enabled app, with RAM carved from `ram`. Bad images are reported and skipped.
  void load_processes(AddressRange flash, Slice<uint8_t const> flash_bytes, AddressRange ram);

  /// Defined in kernel/kernel_loop.h, which the board includes: it is compiled for the board's one chip type.
  template <Chip C> [[noreturn]] void run(C const& chip, Platform const& platform, SchedulerTimer const& timer);

  /// The live process `pid` names, if it still exists (same run).
  Option<Process&> process(ProcessId pid);
  template <typename F> void for_each_process(F&& f) {
    for (usize i = 0; i < process_count_; ++i) { f(processes_.slice()[i]); }
  }
  usize process_count() const { return process_count_; }
  StaticRef<Writer const> out() const { return out_; }

  // The pieces of the loop, public so host tests can drive them without a CPU.
  void handle_syscall(Process& process, Syscall const& call, Platform const& platform);
  /// Charges a fault to the process: report (the cause, and `value` labelled `value_name` unless that is empty),
  /// then restart or stop per the policy.
  void fault(Process& process, StaticSlice<char const> cause, StaticSlice<char const> value_name, uint32_t value);
  /// For a blocked process: delivers what it waits for if it has arrived (it becomes runnable).
  void wake_if_ready(Process& process);

  // What the process console (capsules/process_console.h) does to a process, each reported like the kernel's own
  // actions. False: the process is in no state for it (nothing changed).
  /// Not scheduled until resume_process; keeps its memory, state and queued upcalls.
  bool stop_process(Process& process);
  bool resume_process(Process& process);
  /// Ends a live process (as an exit would).
  bool terminate_process(Process& process);
  /// Charges a live process a fault, as if it had faulted: report, then the restart policy.
  bool fault_process(Process& process);
  /// A fresh start of a process in the table, live or terminated, outside the restart policy.
  void restart_process(Process& process);
  /// The table index of the process whose TBF package name is `name`, if one is in the table.
  Option<usize> find_process(Slice<char const> name) const;
  /// The process in table slot `index` (< process_count(), or a kernel panic), whatever its state.
  Process& process_at(usize index);

  /// IPC's sharing: lets `to` reach the buffer `from` has allowed in read-write slot `allow_number` of `grant`'s
  /// driver, through one of `to`'s windows, until `from` replaces that allow, ends or restarts. Returns the
  /// buffer's (address, length) to tell `to`, or {0, 0} when there is none or it cannot be shared.
  AllowSlot share_read_write_allow(Process& to, Process& from, GrantBase const& grant, uint32_t allow_number);

 private:
  /// Runs `process` until it blocks or the kernel has other work; `contended`: another process could run too.
  /// Inlined into run(), its only caller: one stack frame for the whole loop instead of one per timeslice.
  template <Chip C>
  [[gnu::always_inline]] inline void run_timeslice(Process& process, C const& chip, Platform const& platform,
                                                   SchedulerTimer const& timer, bool contended);
  /// The first process from next_to_schedule_ on (round robin) that can run now, woken if it was blocked and what
  /// it waits for has arrived; it becomes the last one scheduled. Inlined into run(), its only caller.
  [[gnu::always_inline]] inline Option<Process&> next_runnable();
  /// Whether a process other than `running` could run now (it is runnable, or what it waits for has arrived).
  /// Inlined into run(), its only caller, which asks before every timeslice.
  [[gnu::always_inline]] inline bool others_ready(Process const& running) const;
  bool any_alive() const;
  void load_one(uint32_t address, Slice<uint8_t const> bytes, tbf::Header const& header, AddressRange& free_ram);
  void start_process(Process& process);
  /// Ends `process` for good (exit, console, restart policy): what it shared is revoked first.
  void end_process(Process& process, uint32_t completion_code);
  /// Closes every window onto `owner_index`'s buffer (driver_number, allow_number), or onto all its memory.
  void revoke_windows_onto(uint32_t owner_index, bool all_slots, uint32_t driver_number, uint32_t allow_number);

  SyscallReturn subscribe(Process& process, Syscall const& call, Platform const& platform);
  SyscallReturn allow(Process& process, Syscall const& call, Platform const& platform, SyscallClass kind);
  SyscallReturn memop(Process& process, Syscall const& call);
  /// Whether `buffer` overlaps a read-write buffer the process has allowed to any driver, other than the slot
  /// (driver_number, number) it is about to replace: two of them would give a capsule two mutable views of one byte.
  static bool overlaps_read_write_allow(Process& process, Platform const& platform, uint32_t driver_number,
                                        uint32_t number, AllowSlot buffer);
  void yield(Process& process, Syscall const& call);
  void exit(Process& process, Syscall const& call);

  StaticRef<Writer const> out_;
  RestartPolicy policy_;
  StaticBuffer<Process> processes_;
  usize process_count_ = 0;
  usize next_to_schedule_ = 0;
  uint32_t next_identifier_ = 0;
  uint32_t grant_count_ = 0;
  /// The "all processes have ended" line was printed, and no process has started since.
  bool all_ended_reported_ = false;
};

}  // namespace keel
