// SPDX-License-Identifier: Apache-2.0
// The kernel's main loop (Kernel::run), compiled for the board's chip type: the board's main.cpp includes this file
// and calls kernel.run(chip, platform, timer) once. Only one file per board may include it (the loop exists once).
#pragma once

#include "kernel/arch.h"
#include "kernel/deferred_call.h"
#include "kernel/kernel.h"
#include "kernel/syscall_driver.h"

namespace keel {

template <Chip C> void Kernel::run(C const& chip, Platform const& platform, SchedulerTimer const& timer) {
  for (;;) {
    chip.service_pending_interrupts();
    DeferredCall::service_pending();
    // An interrupt that arrived meanwhile is seen by run_timeslice before any process runs, or ends the sleep at
    // once; a deferred call set meanwhile is checked for before sleeping.

    // Round robin: the first process after the last one scheduled that can run now.
    if (Option<Process&> const next = next_runnable(); next.is_some()) {
      run_timeslice(next.value(), chip, platform, timer, others_ready(next.value()));
      continue;
    }
    if (DeferredCall::has_pending()) { continue; }
    if (!any_alive()) {
      // Once each time the last process ends (a restart from the process console starts another round).
      if (!all_ended_reported_) { out_->str("keel: all processes have ended\n"); }
      all_ended_reported_ = true;
      platform.all_processes_ended();
    }
    chip.sleep();
  }
}

inline Option<Process&> Kernel::next_runnable() {
  usize index = next_to_schedule_;
  for (usize step = 0; step < process_count_; ++step) {
    Process& candidate = processes_.slice()[index];
    index = index + 1 == process_count_ ? 0 : index + 1;
    if (candidate.state() != ProcessState::Runnable) { wake_if_ready(candidate); }
    if (candidate.state() == ProcessState::Runnable) {
      next_to_schedule_ = index;
      return candidate;
    }
  }
  return none;
}

inline bool Kernel::others_ready(Process const& running) const {
  // In round-robin order from the running process: the one that would run next is asked first, and the cost is the
  // same whichever process is running.
  usize index = running.id().index;
  for (usize step = 1; step < process_count_; ++step) {
    index = index + 1 == process_count_ ? 0 : index + 1;
    if (processes_.slice()[index].can_run()) { return true; }
  }
  return false;
}

template <Chip C>
void Kernel::run_timeslice(Process& process, C const& chip, Platform const& platform,
                           SchedulerTimer const& timer, bool contended) {
  if (contended) { timer.start(); }
  uint32_t const pushes_before = UpcallQueue::pushes();
  while (process.state() == ProcessState::Runnable) {
    // The timeslice ends through its own interrupt (the scheduler alarm), so this one check covers it: no clock
    // is read per system call.
    if (chip.has_pending_interrupts() || DeferredCall::has_pending()) { break; }
    // Alone and untimed: an upcall queued by the last system call may have made another process ready.
    if (!contended && UpcallQueue::pushes() != pushes_before) { break; }
    // The entry loads the MPU/PMP with the scheduled process's regions when they are not loaded already (trusted:
    // arch::ProcessEntry::enter). The scheduled one is the table's, by index: one place says which process runs.
    Process const& scheduled = processes_.slice()[next_to_schedule_];
    switch (process.context().switch_to(scheduled.memory())) {
      case SwitchReason::Syscall:
        handle_syscall(process, process.context().syscall(), platform);
        break;
      case SwitchReason::Fault:
        fault(process, process.context().fault_cause(), process.context().fault_value_name(),
              process.context().fault_value());
        break;
      case SwitchReason::Interrupt:
        break;
    }
  }
}

}  // namespace keel
