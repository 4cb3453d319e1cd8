// SPDX-License-Identifier: Apache-2.0
// ARMv7-M user context: a process's registers while it is not running, and the switch into it (kernel/arch.h,
// ProcessContext).
//
// A process runs in unprivileged thread mode on the process stack (PSP). An exception taken from it (svc, an
// interrupt, a fault) makes the hardware push r0-r3, r12, lr, pc and xPSR onto the process's stack; switch.S then
// saves r4-r11 and the PSP into SavedState (kernel memory) and returns into the kernel after the svc that entered
// the process. The pushed frame lives on the process's stack. After an svc, switch.S copies it into SavedState (the
// hardware pushed it with the process's own permissions, so it lies in the process's RAM) and copies it back before
// the process runs again if the kernel changed it, only into RAM the process once reached (arch::ProcessEntry::enter,
// trusted, checks); a fault's frame is read through ProcessMemory's checked view. So the kernel never
// reads or writes through an address the process chose; a frame outside its RAM is the process's fault. After an
// interrupt the frame is left as it is: the process resumes exactly where it was.
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

class UserContext {
 public:
  /// The least app_brk - mem_start a process starts with (abi.md "Starting a process"): room for the frame its first
  /// svc pushes below sp = app_brk.
  static constexpr uint32_t kInitialBreakRoom = 32;

  /// abi.md "Starting a process", Cortex-M: r0-r3 = app_start, mem_start, mem_length, app_brk; sp = app_brk (the
  /// first entry's frame sits just below it); lr = 1; pc = entry; r4-r11 = 0; Thumb state.
  void initialize(ProcessStart const& start);

  /// Runs the process until it traps. A system call comes back with the class from the svc's immediate and its
  /// arguments from r0-r3; the stacked pc already points past the svc.
  SwitchReason switch_to(ProcessMemory const& memory);

  /// The system call in r0-r3 and the svc's immediate.
  Syscall const& syscall() const { return state_.syscall; }
  /// r1-r3 beyond the variant's values keep what the process had in them (return_value_count).
  [[gnu::always_inline]] void set_return(SyscallReturn const& result) {
    usize const count = return_value_count(result.variant);
    state_.syscall.args[0] = static_cast<uint32_t>(result.variant);
    if (count > 0) { state_.syscall.args[1] = result.values[0]; }
    if (count > 1) { state_.syscall.args[2] = result.values[1]; }
    if (count > 2) { state_.syscall.args[3] = result.values[2]; }
    state_.write_frame = 1;
  }
  void set_raw_return(Array<uint32_t, 3> const& values) { set_arguments(values[0], values[1], values[2], r(3)); }
  /// The process continues in `target.function(args..., appdata)` and returns to the instruction after the yield.
  /// The upcall starts with the yield's own sp, so that its return lands on the yield's stack as the caller left it:
  /// the stacked xPSR keeps bit 9, the hardware's note that it padded the svc frame by a word to align it to 8 (an
  /// svc issued with sp = 4 mod 8); without it the exception return would leave sp a word too low.
  void enter_upcall(UpcallSlot const& target, Array<uint32_t, 3> const& args) {
    set_arguments(args[0], args[1], args[2], target.appdata);
    state_.control[kLr] = state_.control[kPc] | 1U;
    state_.control[kPc] = target.function & ~1U;
    state_.control[kXpsr] = kThumbState | (state_.control[kXpsr] & kFramePadded);
  }

  uint32_t pc() const { return state_.control[kPc]; }
  uint32_t stack_pointer() const { return state_.psp; }
  StaticSlice<char const> fault_cause() const;
  StaticSlice<char const> fault_value_name() const;
  uint32_t fault_value() const;
  void write_registers(Writer const& out) const;

 private:
  static constexpr uint32_t kThumbState = 1U << 24;
  static constexpr uint32_t kFramePadded = 1U << 9;  // stacked xPSR: a word of padding sits above the frame (B1.5.7)
  static constexpr uint32_t kFrameWords = 8;
  // SavedState::control.
  static constexpr usize kR12 = 0;
  static constexpr usize kLr = 1;
  static constexpr usize kPc = 2;
  static constexpr usize kXpsr = 3;

  /// Why the last switch ended in a fault the kernel found itself (the frame outside the process's RAM), or none.
  enum class FrameProblem : uint8_t { None, CannotPush, CannotRead, StackOverflow };

  uint32_t r(usize number) const { return state_.syscall.args[number]; }
  void set_arguments(uint32_t r0, uint32_t r1, uint32_t r2, uint32_t r3) {
    state_.syscall.args = {{r0, r1, r2, r3}};
    state_.write_frame = 1;
  }

  SavedState state_{};
  FrameProblem problem_ = FrameProblem::None;
};

}  // namespace keel::arch
