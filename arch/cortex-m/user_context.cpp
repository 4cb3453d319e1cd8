// SPDX-License-Identifier: Apache-2.0
#include "keel_arch/user_context.h"

#include "arch/cortex-m/assembly_entry.h"
#include "kernel/core/text.h"

namespace keel::arch {
namespace {

// Exception numbers (ARMv7-M ARM B1.5.2).
constexpr uint32_t kHardFault = 3;
constexpr uint32_t kMemManage = 4;
constexpr uint32_t kBusFault = 5;
constexpr uint32_t kUsageFault = 6;

// CFSR bits (B3.2.15): MemManage in 0-7, BusFault in 8-15, UsageFault in 16-31.
constexpr uint32_t kMmarValid = 1U << 7;
constexpr uint32_t kBfarValid = 1U << 15;

struct FaultBit {
  uint32_t bit = 0;
  StaticSlice<char const> name{};
};
constexpr Array<FaultBit, 16> kFaultBits{{
    {1U << 0, static_text("instruction access violation (IACCVIOL)")},
    {1U << 1, static_text("data access violation (DACCVIOL)")},
    {1U << 3, static_text("fault unstacking on exception return (MUNSTKERR)")},
    {1U << 4, static_text("fault stacking for an exception: stack outside its memory (MSTKERR)")},
    {1U << 5, static_text("fault in lazy FP state preservation (MLSPERR)")},
    {1U << 8, static_text("instruction bus error (IBUSERR)")},
    {1U << 9, static_text("precise data bus error (PRECISERR)")},
    {1U << 10, static_text("imprecise data bus error (IMPRECISERR)")},
    {1U << 11, static_text("bus fault unstacking (UNSTKERR)")},
    {1U << 12, static_text("bus fault stacking (STKERR)")},
    {1U << 16, static_text("undefined instruction (UNDEFINSTR)")},
    {1U << 17, static_text("invalid state: not Thumb (INVSTATE)")},
    {1U << 18, static_text("invalid exception return pc (INVPC)")},
    {1U << 19, static_text("coprocessor or FPU instruction, FPU off (NOCP)")},
    {1U << 24, static_text("unaligned access (UNALIGNED)")},
    {1U << 25, static_text("divide by zero (DIVBYZERO)")},
}};

Slice<char const> exception_name(uint32_t exception) {
  switch (exception) {
    case kHardFault: return text("HardFault");
    case kMemManage: return text("MemManage fault");
    case kBusFault: return text("BusFault");
    case kUsageFault: return text("UsageFault");
    default: return text("fault");
  }
}

constexpr Array<Slice<char const>, 8> kR4ToR11{
    {text("r4"), text("r5"), text("r6"), text("r7"), text("r8"), text("r9"), text("r10"), text("r11")}};

}  // namespace

void UserContext::initialize(ProcessStart const& start) {
  state_ = SavedState{};
  state_.psp = start.app_brk - kFrameWords * 4;
  syscall_ = Syscall{{{start.app_start, start.mem_start, start.mem_length, start.app_brk}}, 0};
  control_ = ExceptionFrameControl{0, 1, start.entry & ~1U, kThumbState};
  dirty_ = kDirtyArguments | kDirtyControl;
  problem_ = FrameProblem::None;
}

SwitchReason UserContext::switch_to(ProcessMemory const& memory) {
  problem_ = FrameProblem::None;
  if (dirty_ != 0) {
    Option<Slice<uint32_t>> const out = memory.ram_words(state_.psp, kFrameWords);
    if (out.is_none()) {
      problem_ = FrameProblem::CannotPush;
      return SwitchReason::Fault;
    }
    Slice<uint32_t> const pushed = out.value();
    if ((dirty_ & kDirtyArguments) != 0) {
      pushed[0] = syscall_.args[0];
      pushed[1] = syscall_.args[1];
      pushed[2] = syscall_.args[2];
      pushed[3] = syscall_.args[3];
    }
    if ((dirty_ & kDirtyControl) != 0) {
      pushed[4] = control_.r12;
      pushed[5] = control_.lr;
      pushed[6] = control_.pc;
      pushed[7] = control_.xpsr;
    }
    dirty_ = 0;
  }

  keel_cm_switch_to_user(state_);

  // An interrupt leaves the frame as the process will need it again: nothing to read or write back.
  if (state_.reason == kTrapInterrupt) { return SwitchReason::Interrupt; }
  Option<Slice<uint32_t>> const in = memory.ram_words(state_.psp, kFrameWords);
  if (in.is_none()) {
    // The hardware pushed its frame below the RAM (or failed to): the stack grew past its bottom.
    problem_ = state_.psp < memory.mem_start() ? FrameProblem::StackOverflow : FrameProblem::CannotRead;
    return SwitchReason::Fault;
  }
  Slice<uint32_t const> const stacked = in.value();
  syscall_.args = {{stacked[0], stacked[1], stacked[2], stacked[3]}};
  control_.pc = stacked[6];
  if (state_.reason == kTrapFault) {
    control_.r12 = stacked[4];
    control_.lr = stacked[5];
    control_.xpsr = stacked[7];
    return SwitchReason::Fault;
  }
  // An svc: its class is the instruction's immediate (switch.S read it from beside the pushed pc). The kernel may
  // move the pc (an upcall): lr and xPSR then come from here too, so read them now.
  syscall_.class_number = state_.svc_number;
  control_.lr = stacked[5];
  control_.xpsr = stacked[7];
  return SwitchReason::Syscall;
}

Slice<char const> UserContext::fault_cause() const {
  switch (problem_) {
    case FrameProblem::CannotPush: return text("stack pointer outside its RAM: no room for the exception frame");
    case FrameProblem::CannotRead: return text("stack pointer outside its RAM after an exception");
    case FrameProblem::StackOverflow: return text("stack overflow: the stack pointer is below its RAM");
    case FrameProblem::None: break;
  }
  for (FaultBit const& fault : kFaultBits) {
    if ((state_.cfsr & fault.bit) != 0) { return fault.name.slice(); }
  }
  return exception_name(state_.exception);
}

Slice<char const> UserContext::fault_value_name() const {
  if (problem_ != FrameProblem::None) { return text("sp"); }
  if ((state_.cfsr & (kMmarValid | kBfarValid)) != 0) { return text("address"); }
  return {};
}

uint32_t UserContext::fault_value() const {
  if (problem_ != FrameProblem::None) { return state_.psp; }
  if ((state_.cfsr & kMmarValid) != 0) { return state_.mmfar; }
  if ((state_.cfsr & kBfarValid) != 0) { return state_.bfar; }
  return 0;
}

void UserContext::write_registers(Writer const& out) const {
  out.str("  ").text(exception_name(state_.exception)).str(" (exception ").dec(state_.exception).str(")");
  out.str(" CFSR=").hex(state_.cfsr).str(" HFSR=").hex(state_.hfsr).str(" MMFAR=").hex(state_.mmfar);
  out.str(" BFAR=").hex(state_.bfar).str("\n");
  for (FaultBit const& fault : kFaultBits) {
    if ((state_.cfsr & fault.bit) != 0) { out.str("    ").text(fault.name.slice()).str("\n"); }
  }
  out.str("  r0=").hex(r(0)).str(" r1=").hex(r(1)).str(" r2=").hex(r(2)).str(" r3=").hex(r(3)).str("\n ");
  for (usize i = 0; i < kR4ToR11.size(); ++i) { out.str(" ").text(kR4ToR11[i]).str("=").hex(state_.r4_to_r11[i]); }
  out.str("\n  r12=").hex(control_.r12).str(" sp=").hex(state_.psp).str(" lr=").hex(control_.lr);
  out.str(" pc=").hex(control_.pc).str(" xpsr=").hex(control_.xpsr).str("\n");
}

}  // namespace keel::arch
