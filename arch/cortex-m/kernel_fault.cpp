// SPDX-License-Identifier: Apache-2.0
// A fault taken while the kernel itself ran: a kernel bug by definition (process faults arrive through switch.S
// with the process stack in use). The panic names the fault (decoded from CFSR/HFSR) and gives the faulting pc,
// the fault address (MMFAR or BFAR when valid, else the pushed lr) and CFSR. switch.S reads the pushed frame and
// the fault status registers and passes them as values.
#include "arch/cortex-m/assembly_entry.h"
#include "kernel/core/panic.h"

namespace {

constexpr uint32_t kMmarValid = 1U << 7;
constexpr uint32_t kBfarValid = 1U << 15;

keel::PanicText describe(uint32_t cfsr, uint32_t hfsr) {
  if ((cfsr & (1U << 1)) != 0) { return "kernel fault: data access violation, DACCVIOL (pc, address, CFSR)"; }
  if ((cfsr & (1U << 0)) != 0) { return "kernel fault: instruction access violation, IACCVIOL (pc, address, CFSR)"; }
  if ((cfsr & (1U << 9)) != 0) { return "kernel fault: precise bus error, PRECISERR (pc, address, CFSR)"; }
  if ((cfsr & (1U << 10)) != 0) { return "kernel fault: imprecise bus error, IMPRECISERR (pc, lr, CFSR)"; }
  if ((cfsr & (1U << 8)) != 0) { return "kernel fault: instruction bus error, IBUSERR (pc, lr, CFSR)"; }
  if ((cfsr & (1U << 16)) != 0) { return "kernel fault: undefined instruction, UNDEFINSTR (pc, lr, CFSR)"; }
  if ((cfsr & (1U << 17)) != 0) { return "kernel fault: invalid state, INVSTATE (pc, lr, CFSR)"; }
  if ((cfsr & (1U << 24)) != 0) { return "kernel fault: unaligned access, UNALIGNED (pc, lr, CFSR)"; }
  if ((cfsr & (1U << 25)) != 0) { return "kernel fault: divide by zero, DIVBYZERO (pc, lr, CFSR)"; }
  if ((cfsr & ((1U << 3) | (1U << 4) | (1U << 11) | (1U << 12))) != 0) {
    return "kernel fault: stacking or unstacking an exception frame (pc, lr, CFSR)";
  }
  if ((hfsr & (1U << 1)) != 0) { return "kernel fault: vector table read, VECTTBL (pc, lr, CFSR)"; }
  return "kernel fault: HardFault, NMI or debug event (pc, lr, CFSR)";
}

}  // namespace

void keel_cm_kernel_stack_overflow(uint32_t cfsr, uint32_t stack_pointer, uint32_t mmfar) {
  uint32_t const address = (cfsr & kMmarValid) != 0 ? mmfar : 0;
  KEEL_PANIC_WITH_VALUES("kernel stack overflow: the kernel stack ran into its guard (sp, fault address, CFSR)",
                         stack_pointer, address, cfsr);
}

void keel_cm_kernel_fault(uint32_t cfsr, uint32_t hfsr, uint32_t mmfar, uint32_t bfar, uint32_t lr, uint32_t pc) {
  uint32_t address = lr;
  if ((cfsr & kMmarValid) != 0) { address = mmfar; }
  if ((cfsr & kBfarValid) != 0) { address = bfar; }
  KEEL_PANIC_WITH_VALUES(describe(cfsr, hfsr), pc, address, cfsr);
}
