// SPDX-License-Identifier: Apache-2.0
// Process bookkeeping (the main loop is kernel/kernel_loop.h).
#include "kernel/kernel.h"

#include "kernel/core/panic.h"
#include "kernel/grant.h"
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
  // A restart revokes what the earlier run shared before anything of the new run exists.
  revoke_windows_onto(process.id().index, true, 0, 0);
  process.start(next_identifier_);
  ++next_identifier_;
  all_ended_reported_ = false;
}

void Kernel::wake_if_ready(Process& process) {
  ProcessState const state = process.state();
  if (state != ProcessState::Yielded && state != ProcessState::YieldedFor) { return; }
  // One search for what ends the yield: the oldest upcall with a function (yield-wait), or the oldest for the
  // awaited id (yield-wait-for).
  bool const any_function = state == ProcessState::Yielded;
  UpcallId const awaited = process.waiting_for();
  process.upcalls().take_first(
      [&](PendingUpcall const& e) { return any_function ? e.target.function != 0 : e.id == awaited; },
      [&](PendingUpcall const& e) { (void)process.end_yield_with(e.id, e.target, e.args); });
}

bool Kernel::stop_process(Process& process) {
  if (!process.stop()) { return false; }
  out_->str("keel: process '").bytes_as_text(process.name()).str("' stopped\n");
  return true;
}

bool Kernel::resume_process(Process& process) {
  if (!process.resume()) { return false; }
  out_->str("keel: process '").bytes_as_text(process.name()).str("' resumed\n");
  return true;
}

bool Kernel::terminate_process(Process& process) {
  if (!process.is_alive()) { return false; }
  out_->str("keel: process '").bytes_as_text(process.name()).str("' terminated\n");
  end_process(process, 0);
  return true;
}

bool Kernel::fault_process(Process& process) {
  if (!process.is_alive()) { return false; }
  fault(process, static_text("fault forced from the process console"), {}, 0);
  return true;
}

void Kernel::restart_process(Process& process) {
  out_->str("keel: restarting '").bytes_as_text(process.name()).str("' (process console)\n");
  start_process(process);
}

void Kernel::end_process(Process& process, uint32_t completion_code) {
  revoke_windows_onto(process.id().index, true, 0, 0);
  process.terminate(completion_code);
}

void Kernel::revoke_windows_onto(uint32_t owner_index, bool all_slots, uint32_t driver_number,
                                 uint32_t allow_number) {
  // The next entry into a process whose window closed here reprograms its MPU/PMP (arch::ProcessEntry::enter).
  for (usize i = 0; i < process_count_; ++i) {
    processes_.slice()[i].close_windows_onto(owner_index, all_slots, driver_number, allow_number);
  }
}

AllowSlot Kernel::share_read_write_allow(Process& to, Process& from, GrantBase const& grant, uint32_t allow_number) {
  if (to.id().index == from.id().index || !from.is_alive()) { return {}; }
  Option<AllowSlot> allowed;
  (void)with_existing_kernel_data(grant, from, [&](GrantKernelData const& data) {
    allowed = data.read_write_allow(allow_number);
  });
  if (allowed.is_none() || allowed.value().length == 0) { return {}; }
  AllowSlot const buffer = allowed.value();
  if (to.open_window(from, grant.driver_number(), allow_number, buffer.address, buffer.length).is_error()) {
    return {};
  }
  return buffer;
}

Process& Kernel::process_at(usize index) {
  if (index >= process_count_) { KEEL_PANIC("no process in this table slot"); }
  return processes_.slice()[index];
}

Option<usize> Kernel::find_process(Slice<char const> name) const {
  for (usize i = 0; i < process_count_; ++i) {
    Process const& candidate = processes_.slice()[i];
    Slice<uint8_t const> const own = candidate.name();
    if (own.size() != name.size()) { continue; }
    bool same = true;
    for (usize k = 0; k < own.size() && same; ++k) { same = own[k] == static_cast<uint8_t>(name[k]); }
    if (same) { return i; }
  }
  return none;
}

}  // namespace keel
