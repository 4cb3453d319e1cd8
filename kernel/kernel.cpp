// SPDX-License-Identifier: Apache-2.0
// The main loop and process bookkeeping.
#include "kernel/kernel.h"

#include "kernel/arch.h"
#include "kernel/core/panic.h"
#include "kernel/deferred_call.h"
#include "kernel/syscall_driver.h"

namespace keel {

uint32_t Kernel::create_grant_number() {
  if (grant_count_ >= Process::kMaxGrants) { KEEL_PANIC("more grants than Process::kMaxGrants"); }
  return grant_count_++;
}

Option<Process&> Kernel::process(ProcessId pid) {
  if (pid.index >= process_count_) { return none; }
  Process& p = processes_.slice()[pid.index];
  if (!p.is_alive() || !(p.id() == pid)) { return none; }
  return p;
}

bool Kernel::any_alive() const {
  for (usize i = 0; i < process_count_; ++i) {
    if (processes_.slice()[i].is_alive()) { return true; }
  }
  return false;
}

void Kernel::start_process(Process& process) {
  process.start(next_identifier_);
  ++next_identifier_;
  // The regions are new even if the numbers repeat: force the next switch to reprogram the PMP.
  protected_index_ = kNoProcess;
}

void Kernel::wake_if_ready(Process& process) {
  if (process.state() == ProcessState::Yielded) {
    process.upcalls().take_deliverable([&](PendingUpcall const& upcall) {
      process.context().enter_upcall(upcall.target, upcall.args);
      process.set_state(ProcessState::Runnable);
    });
  } else if (process.state() == ProcessState::YieldedFor) {
    process.upcalls().take_matching(process.waiting_for(), [&](PendingUpcall const& upcall) {
      process.context().set_raw_return(upcall.args);
      process.set_state(ProcessState::Runnable);
    });
  }
}

void Kernel::run(Chip const& chip, Platform const& platform, SchedulerTimer const& timer) {
  for (;;) {
    chip.service_pending_interrupts();
    DeferredCall::service_pending();
    // An interrupt that arrived meanwhile is seen by run_timeslice before any process runs, or ends the sleep at
    // once; a deferred call set meanwhile is checked for before sleeping.

    // Round robin: the first process after the last one scheduled that can run now.
    Option<Process&> next;
    for (usize step = 0; step < process_count_ && next.is_none(); ++step) {
      Process& candidate = processes_.slice()[(next_to_schedule_ + step) % process_count_];
      wake_if_ready(candidate);
      if (candidate.state() == ProcessState::Runnable) {
        next = candidate;
        next_to_schedule_ = (next_to_schedule_ + step + 1) % process_count_;
      }
    }
    if (next.is_some()) {
      run_timeslice(next.value(), chip, platform, timer, others_ready(next.value()));
      continue;
    }
    if (DeferredCall::has_pending()) { continue; }
    if (!any_alive()) { platform.all_processes_ended(); }
    chip.sleep();
  }
}

bool Kernel::others_ready(Process const& running) const {
  // In round-robin order from the running process: the one that would run next is asked first, and the cost is the
  // same whichever process is running.
  usize const self = running.id().index;
  for (usize step = 1; step < process_count_; ++step) {
    if (processes_.slice()[(self + step) % process_count_].can_run()) { return true; }
  }
  return false;
}

void Kernel::run_timeslice(Process& process, Chip const& chip, Platform const& platform,
                           SchedulerTimer const& timer, bool contended) {
  if (contended) { timer.start(); }
  uint32_t const pushes_before = UpcallQueue::pushes();
  while (process.state() == ProcessState::Runnable) {
    // The timeslice ends through its own interrupt (the scheduler alarm), so this one check covers it: no clock
    // is read per system call.
    if (chip.has_pending_interrupts() || DeferredCall::has_pending()) { break; }
    // Alone and untimed: an upcall queued by the last system call may have made another process ready.
    if (!contended && UpcallQueue::pushes() != pushes_before) { break; }
    // Reprogram the PMP only when another process runs or this one moved its break.
    if (protected_index_ != process.id().index || protected_brk_ != process.app_brk()) {
      arch::protect_process(process.protection_regions());
      protected_index_ = process.id().index;
      protected_brk_ = process.app_brk();
    }
    switch (process.context().switch_to(process.memory())) {
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
