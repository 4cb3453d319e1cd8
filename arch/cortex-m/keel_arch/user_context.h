// SPDX-License-Identifier: Apache-2.0
// ARMv7-M user context: a process's registers while it is not running, and the switch into it (kernel/arch.h,
// ProcessContext).
//
// A process runs in unprivileged thread mode on the process stack (PSP). An exception taken from it (svc, an
// interrupt, a fault) makes the hardware push r0-r3, r12, lr, pc and xPSR onto the process's stack; switch.S then
// saves r4-r11 and the PSP into SavedState (kernel memory) and returns into the kernel after the svc that entered
// the process. The pushed frame lives in process memory, which the process may point anywhere: this class copies it
// into kernel memory after every switch and back before the next one, each time through ProcessMemory's checked
// view of the process's accessible RAM, so the kernel never reads or writes through an address the process chose.
// A frame outside that RAM is the process's fault.
#pragma once

#include "arch/cortex-m/assembly_entry.h"
#include "kernel/core/array.h"
#include "kernel/core/slice.h"
#include "kernel/process_memory.h"
#include "kernel/switch_reason.h"
#include "kernel/syscall.h"
#include "kernel/upcall.h"
#include "kernel/writer.h"

namespace keel::arch {

/// The frame the hardware pushes, in its order.
struct ExceptionFrame {
  Array<uint32_t, 4> r0_to_r3{};
  uint32_t r12 = 0;
  uint32_t lr = 0;
  uint32_t pc = 0;
  uint32_t xpsr = 0;
};

class UserContext {
 public:
  /// abi.md "Starting a process", Cortex-M: r0-r3 = app_start, mem_start, mem_length, app_brk; sp = app_brk (the
  /// first entry's frame sits just below it); lr = 1; pc = entry; r4-r11 = 0; Thumb state.
  void initialize(ProcessStart const& start);

  /// Runs the process until it traps. A system call comes back with the class from the svc's immediate and its
  /// arguments from r0-r3; the stacked pc already points past the svc.
  SwitchReason switch_to(ProcessMemory const& memory);

  Syscall const& syscall() const { return syscall_; }
  void set_return(SyscallReturn const& result) {
    frame_.r0_to_r3 = {{static_cast<uint32_t>(result.variant), result.values[0], result.values[1], result.values[2]}};
  }
  void set_raw_return(Array<uint32_t, 3> const& values) {
    for (usize i = 0; i < values.size(); ++i) { frame_.r0_to_r3[i] = values[i]; }
  }
  /// The process continues in `target.function(args..., appdata)` and returns to the instruction after the yield.
  void enter_upcall(UpcallSlot const& target, Array<uint32_t, 3> const& args) {
    frame_.r0_to_r3 = {{args[0], args[1], args[2], target.appdata}};
    frame_.lr = frame_.pc | 1U;
    frame_.pc = target.function & ~1U;
    frame_.xpsr = kThumbState;
  }

  uint32_t pc() const { return frame_.pc; }
  uint32_t stack_pointer() const { return state_.psp; }
  Slice<char const> fault_cause() const;
  Slice<char const> fault_value_name() const;
  uint32_t fault_value() const;
  void write_registers(Writer const& out) const;

 private:
  static constexpr uint32_t kThumbState = 1U << 24;
  static constexpr uint32_t kFrameBytes = 32;

  /// Why the last switch ended in a fault the kernel found itself (the frame outside the process's RAM), or none.
  enum class FrameProblem : uint8_t { None, CannotPush, CannotRead, StackOverflow, NotAnSvc };

  SavedState state_{};
  ExceptionFrame frame_{};
  Syscall syscall_{};
  FrameProblem problem_ = FrameProblem::None;
};

}  // namespace keel::arch
