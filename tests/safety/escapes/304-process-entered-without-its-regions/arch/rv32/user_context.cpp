// SPDX-License-Identifier: Apache-2.0
#include <stddef.h>

#include "arch/rv32/assembly_entry.h"
#include "kernel/core/text.h"
#include "keel_arch/memory_protection.h"
#include "keel_arch/user_context.h"

namespace keel::arch {
namespace {

// Register numbers in the standard calling convention.
constexpr usize kSp = 2;
constexpr usize kA0 = 10;

constexpr uint32_t kInterruptBit = 1U << 31;
constexpr uint32_t kEcallFromUser = 8;
constexpr uint32_t kInstructionAccessFault = 1;
constexpr uint32_t kLoadAccessFault = 5;

// RISC-V privileged spec table 3.6, exception codes.
StaticSlice<char const> exception_name(uint32_t code) {
  switch (code) {
    case 0: return static_text("instruction address misaligned");
    case 1: return static_text("instruction access fault");
    case 2: return static_text("illegal instruction");
    case 3: return static_text("breakpoint");
    case 4: return static_text("load address misaligned");
    case 5: return static_text("load access fault");
    case 6: return static_text("store address misaligned");
    case 7: return static_text("store access fault");
    case 8: return static_text("environment call from U-mode");
    case 12: return static_text("instruction page fault");
    case 13: return static_text("load page fault");
    case 15: return static_text("store page fault");
    default: return static_text("unknown exception");
  }
}

constexpr Array<Slice<char const>, 32> kRegisterNames{{
    text("zero"), text("ra"), text("sp"), text("gp"), text("tp"), text("t0"), text("t1"), text("t2"), text("s0"), text("s1"), text("a0"), text("a1"), text("a2"), text("a3"), text("a4"), text("a5"), text("a6"), text("a7"), text("s2"), text("s3"), text("s4"), text("s5"), text("s6"), text("s7"), text("s8"), text("s9"), text("s10"), text("s11"), text("t3"), text("t4"), text("t5"), text("t6")}};

}  // namespace

static_assert(offsetof(TrapFrame, a0_to_a4) == 4 * kA0, "a0-a4 must sit at their register numbers");

uint32_t& TrapFrame::x(usize number) {
  if (number < 10) { return x0_to_x9[number]; }
  if (number < 14) { return a0_to_a4.args[number - 10]; }
  if (number == 14) { return a0_to_a4.class_number; }
  return x15_to_x31[number - 15];
}

uint32_t TrapFrame::x(usize number) const {
  if (number < 10) { return x0_to_x9[number]; }
  if (number < 14) { return a0_to_a4.args[number - 10]; }
  if (number == 14) { return a0_to_a4.class_number; }
  return x15_to_x31[number - 15];
}

void UserContext::initialize(ProcessStart const& start) {
  frame_ = TrapFrame{};
  frame_.pc = start.entry;
  frame_.x(kSp) = start.mem_start;
  frame_.a0_to_a4.args = {{start.app_start, start.mem_start, start.mem_length, start.app_brk}};
}

SwitchReason UserContext::run_until_trap(ProcessMemory const& /*memory*/) {
  // Straight into the process: the PMP still holds its regions from the last entry in all but the rarest cases, and
  // a system call is cheaper without the check.
  keel_rv32_switch_to_user(frame_);
  if ((frame_.mcause & kInterruptBit) != 0) { return SwitchReason::Interrupt; }
  if (frame_.mcause == kEcallFromUser) {
    frame_.pc += 4;
    return SwitchReason::Syscall;
  }
  return after_fault();
}

[[gnu::noinline, gnu::cold]] SwitchReason UserContext::after_fault() {
  while ((frame_.mcause == kInstructionAccessFault || frame_.mcause == kLoadAccessFault) &&
         arch::resume_flash_rule() && ProcessEntry::resume(frame_)) {
    if ((frame_.mcause & kInterruptBit) != 0) { return SwitchReason::Interrupt; }
    if (frame_.mcause == kEcallFromUser) {
      frame_.pc += 4;
      return SwitchReason::Syscall;
    }
  }
  return SwitchReason::Fault;
}

StaticSlice<char const> UserContext::fault_cause() const {
  if ((frame_.mcause & kInterruptBit) != 0) { return static_text("interrupt"); }
  return exception_name(frame_.mcause);
}

StaticSlice<char const> UserContext::fault_value_name() const {
  if ((frame_.mcause & kInterruptBit) != 0) { return {}; }
  switch (frame_.mcause) {
    case 0: case 1: case 4: case 5: case 6: case 7: case 12: case 13: case 15: return static_text("address");
    case 2: return static_text("instruction");
    default: return {};
  }
}

void UserContext::write_registers(Writer const& out) const {
  for (usize i = 1; i < kRegisterNames.size(); ++i) {
    out.str(" ").text(kRegisterNames[i]).str("=").hex(frame_.x(i));
    if (i % 4 == 0) { out.str("\n"); }
  }
  out.str(" pc=").hex(frame_.pc).str(" mcause=").hex(frame_.mcause).str(" mtval=").hex(frame_.mtval).str("\n");
}

}  // namespace keel::arch
