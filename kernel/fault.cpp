// SPDX-License-Identifier: Apache-2.0
// Faults are charged to the process that caused them: a report anyone can read, then the board's restart policy.
// The kernel itself keeps running.
#include "kernel/kernel.h"

namespace keel {

void Kernel::fault(Process& process, StaticSlice<char const> cause, StaticSlice<char const> value_name,
                   uint32_t value) {
  ProcessMemory const& layout = process.memory();
  arch::UserContext const& context = process.context();
  process.record_fault({cause, value_name, value, context.pc(), context.stack_pointer(),
                        process.last_fault().fault_count + 1});
  out_->str("\nkeel: process '").bytes_as_text(process.name()).str("' faulted: ").text(cause.slice());
  if (value_name.size() != 0) { out_->str(" (").text(value_name.slice()).str(" ").hex(value).str(")"); }
  out_->str("\n  pc ").hex(context.pc()).str("  sp ").hex(context.stack_pointer()).str("\n");
  out_->str("  flash ").hex(layout.flash_start()).str("-").hex(layout.flash_end());
  out_->str("  ram ").hex(layout.mem_start()).str("-").hex(layout.mem_end());
  out_->str("  app_brk ").hex(process.app_brk()).str("  grants ").hex(process.kernel_break()).str("-");
  out_->hex(layout.mem_end()).str("\n");
  context.write_registers(out_);

  if (process.restart_count() < policy_.max_restarts) {
    process.count_restart();
    out_->str("keel: restarting '").bytes_as_text(process.name()).str("' (restart ").dec(process.restart_count());
    out_->str(" of ").dec(policy_.max_restarts).str(")\n");
    start_process(process);
  } else {
    out_->str("keel: process '").bytes_as_text(process.name()).str("' stopped after ").dec(process.restart_count());
    out_->str(" restart(s)\n");
    end_process(process, 0);
  }
}

}  // namespace keel
