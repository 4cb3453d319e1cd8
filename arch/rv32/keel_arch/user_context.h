// SPDX-License-Identifier: Apache-2.0
// RISC-V rv32 user context: a process's registers while it is not running, and the switch into it.
//
// The kernel calls switch_to(), which saves the kernel's callee-saved registers, loads the process's registers and
// enters U-mode with mret. Any trap from U-mode (ecall, exception, interrupt) lands in keel_rv32_trap_entry
// (switch.S), which stores every process register back into the frame and returns from switch_to() as if it were
// an ordinary call, with the trap's cause. The kernel itself never takes traps (it runs with mstatus.MIE clear), so
// there is no separate interrupt stack and no nesting.
#pragma once

#include "kernel/core/array.h"
#include "kernel/process_memory.h"
#include "kernel/switch_reason.h"
#include "kernel/syscall.h"
#include "kernel/upcall.h"
#include "kernel/writer.h"

namespace keel::arch {

/// Saved process state. switch.S addresses the fields by offset: keep the layout. Registers x0..x31 are stored in
/// order; a0-a4 (x10-x14) form a Syscall, so the kernel reads a system call where the trap left it.
struct TrapFrame {
  Array<uint32_t, 10> x0_to_x9{};  // x0 is never read
  Syscall a0_to_a4{};
  Array<uint32_t, 17> x15_to_x31{};
  uint32_t pc = 0;
  uint32_t mcause = 0;
  uint32_t mtval = 0;

  /// Register x`number` (number < 32).
  uint32_t& x(usize number);
  uint32_t x(usize number) const;
};

class UserContext {
 public:
  /// The least app_brk - mem_start a process starts with: an ecall pushes nothing, so nothing beyond the TBF's need.
  static constexpr uint32_t kInitialBreakRoom = 0;

  /// Sets up the first instruction of a process (abi.md "Starting a process"): pc = entry, a0-a3 = app_start,
  /// mem_start, mem_length, app_brk, sp = mem_start, every other register 0.
  void initialize(ProcessStart const& start);

  /// Runs the process until it traps; a system call has its pc already advanced past the ecall. The saved
  /// registers live in this object (kernel memory); `memory` is what the PMP holds meanwhile (ProcessEntry::enter
  /// programs it if it does not already).
  [[gnu::always_inline]] SwitchReason switch_to(ProcessMemory const& memory) { return run_until_trap(memory); }

  /// The system call in a0-a4. A reference into the saved registers: read it before changing them
  /// (set_return, enter_upcall, initialize).
  Syscall const& syscall() const { return frame_.a0_to_a4; }
  /// a1-a3 beyond the variant's values keep what the process had in them (return_value_count). Inline: every
  /// system call returns through it.
  [[gnu::always_inline]] void set_return(SyscallReturn const& result) {
    usize const count = return_value_count(result.variant);
    frame_.a0_to_a4.args[0] = static_cast<uint32_t>(result.variant);
    if (count > 0) { frame_.a0_to_a4.args[1] = result.values[0]; }
    if (count > 1) { frame_.a0_to_a4.args[2] = result.values[1]; }
    if (count > 2) { frame_.a0_to_a4.args[3] = result.values[2]; }
  }
  /// yield-wait-for hands the upcall's three arguments back raw in a0-a2.
  void set_raw_return(Array<uint32_t, 3> const& values) {
    for (usize i = 0; i < values.size(); ++i) { frame_.a0_to_a4.args[i] = values[i]; }
  }
  /// Makes the process continue in `target.function(args..., appdata)`, returning to the instruction after the
  /// yield that let the upcall run. Inline: it is on the way from every interrupt to a process's upcall.
  void enter_upcall(UpcallSlot const& target, Array<uint32_t, 3> const& args) {
    for (usize i = 0; i < args.size(); ++i) { frame_.a0_to_a4.args[i] = args[i]; }
    frame_.a0_to_a4.args[3] = target.appdata;
    frame_.x0_to_x9[1] = frame_.pc;  // ra (x1)
    frame_.pc = target.function;
  }

  uint32_t pc() const { return frame_.pc; }
  uint32_t stack_pointer() const { return frame_.x(2); }
  /// What went wrong, for a fault: a short name, what the trap value means for this cause ("address",
  /// "instruction", or empty when it carries nothing) and the value itself.
  StaticSlice<char const> fault_cause() const;
  StaticSlice<char const> fault_value_name() const;
  uint32_t fault_value() const { return frame_.mtval; }
  void write_registers(Writer const& out) const;

 private:
  SwitchReason run_until_trap(ProcessMemory const& memory);
  /// The rest of run_until_trap after a fault: a fault in the process's own TBF after the kernel read it resumes the
  /// process (arch/rv32/pmp.cpp, resume_flash_rule) until it traps for another reason. Out of line: off the
  /// system-call path.
  SwitchReason after_fault();
  TrapFrame frame_{};
};

}  // namespace keel::arch
