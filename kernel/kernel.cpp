// SPDX-License-Identifier: Apache-2.0
// Process bookkeeping (the main loop is kernel/kernel_loop.h).
#include "kernel/kernel.h"

#include "kernel/core/panic.h"
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

}  // namespace keel
