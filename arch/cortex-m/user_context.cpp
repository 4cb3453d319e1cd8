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

StaticSlice<char const> exception_name(uint32_t exception) {
  switch (exception) {
    case kHardFault: return static_text("HardFault");
    case kMemManage: return static_text("MemManage fault");
    case kBusFault: return static_text("BusFault");
    case kUsageFault: return static_text("UsageFault");
    default: return static_text("fault");
  }
}

constexpr Array<Slice<char const>, 8> kR4ToR11{
    {text("r4"), text("r5"), text("r6"), text("r7"), text("r8"), text("r9"), text("r10"), text("r11")}};

}  // namespace

void UserContext::initialize(ProcessStart const& start) {
  state_ = SavedState{};
  state_.psp = start.app_brk - kFrameWords * 4;
  state_.syscall.args = {{start.app_start, start.mem_start, start.mem_length, start.app_brk}};
  state_.control = {{0, 1, start.entry & ~1U, kThumbState}};
  state_.write_frame = 1;
  problem_ = FrameProblem::None;
}

SwitchReason UserContext::switch_to(ProcessMemory const& memory) {
  // The frame goes back only into RAM the process once reached (a first start's place is the kernel's choice).
  if (!ProcessEntry::enter(state_, memory)) {
    problem_ = FrameProblem::CannotPush;
    return SwitchReason::Fault;
  }

  // An svc: switch.S copied the frame and the svc's immediate where syscall() reads them.
  if (state_.reason == kTrapSvc) { return SwitchReason::Syscall; }
  // An interrupt leaves the frame as the process will need it again: nothing to read or write back.
  if (state_.reason == kTrapInterrupt) { return SwitchReason::Interrupt; }
  // A fault: the frame for the report, if the hardware could push it into the process's RAM.
  problem_ = FrameProblem::None;
  Option<Slice<uint32_t>> const in = memory.ram_words(state_.psp, kFrameWords);
  if (in.is_none()) {
    // The hardware pushed its frame below the RAM (or failed to): the stack grew past its bottom.
    problem_ = state_.psp < memory.mem_start() ? FrameProblem::StackOverflow : FrameProblem::CannotRead;
    return SwitchReason::Fault;
  }
  Slice<uint32_t const> const stacked = in.value();
  state_.syscall.args = {{stacked[0], stacked[1], stacked[2], stacked[3]}};
  state_.control = {{stacked[4], stacked[5], stacked[6], stacked[7]}};
  return SwitchReason::Fault;
}

StaticSlice<char const> UserContext::fault_cause() const {
  switch (problem_) {
    case FrameProblem::CannotPush: return static_text("stack pointer outside its RAM: no room for the exception frame");
    case FrameProblem::CannotRead: return static_text("stack pointer outside its RAM after an exception");
    case FrameProblem::StackOverflow: return static_text("stack overflow: the stack pointer is below its RAM");
    case FrameProblem::None: break;
  }
  for (FaultBit const& fault : kFaultBits) {
    if ((state_.cfsr & fault.bit) != 0) { return fault.name; }
  }
  return exception_name(state_.exception);
}

StaticSlice<char const> UserContext::fault_value_name() const {
  if (problem_ != FrameProblem::None) { return static_text("sp"); }
  if ((state_.cfsr & (kMmarValid | kBfarValid)) != 0) { return static_text("address"); }
  return {};
}

uint32_t UserContext::fault_value() const {
  if (problem_ != FrameProblem::None) { return state_.psp; }
  if ((state_.cfsr & kMmarValid) != 0) { return state_.mmfar; }
  if ((state_.cfsr & kBfarValid) != 0) { return state_.bfar; }
  return 0;
}

void UserContext::write_registers(Writer const& out) const {
  out.str("  ").text(exception_name(state_.exception).slice()).str(" (exception ").dec(state_.exception).str(")");
  out.str(" CFSR=").hex(state_.cfsr).str(" HFSR=").hex(state_.hfsr).str(" MMFAR=").hex(state_.mmfar);
  out.str(" BFAR=").hex(state_.bfar).str("\n");
  for (FaultBit const& fault : kFaultBits) {
    if ((state_.cfsr & fault.bit) != 0) { out.str("    ").text(fault.name.slice()).str("\n"); }
  }
  out.str("  r0=").hex(r(0)).str(" r1=").hex(r(1)).str(" r2=").hex(r(2)).str(" r3=").hex(r(3)).str("\n ");
  for (usize i = 0; i < kR4ToR11.size(); ++i) { out.str(" ").text(kR4ToR11[i]).str("=").hex(state_.r4_to_r11[i]); }
  // r12, lr, pc and xPSR are the frame's second half (control), not the argument registers.
  out.str("\n  r12=").hex(state_.control[kR12]).str(" sp=").hex(state_.psp).str(" lr=").hex(state_.control[kLr]);
  out.str(" pc=").hex(state_.control[kPc]).str(" xpsr=").hex(state_.control[kXpsr]).str("\n");
}

}  // namespace keel::arch
