// SPDX-License-Identifier: Apache-2.0
// A fault taken while the kernel itself ran: a kernel bug by definition (process faults arrive through switch.S
// with the process stack in use). The panic names the fault (decoded from CFSR/HFSR) and gives the faulting pc,
// the fault address (MMFAR or BFAR when valid, else the pushed lr) and CFSR.
//
// TRUSTED: reads the pushed frame through the pointer switch.S passes and the fault status registers at their
// architectural addresses.
#include "arch/cortex-m/assembly_entry.h"
#include "kernel/core/mmio.h"
#include "kernel/core/panic.h"
#include "kernel/core/register_cell.h"

namespace {

struct FaultStatusRegisters {
  keel::mmio::RegisterCell<uint32_t, keel::mmio::Access::ReadOnly> cfsr;   // 0xE000ED28
  keel::mmio::RegisterCell<uint32_t, keel::mmio::Access::ReadOnly> hfsr;   // 0xE000ED2C
  keel::mmio::RegisterCell<uint32_t, keel::mmio::Access::ReadOnly> dfsr;   // 0xE000ED30
  keel::mmio::RegisterCell<uint32_t, keel::mmio::Access::ReadOnly> mmfar;  // 0xE000ED34
  keel::mmio::RegisterCell<uint32_t, keel::mmio::Access::ReadOnly> bfar;   // 0xE000ED38
};

constexpr uint32_t kMmarValid = 1U << 7;
constexpr uint32_t kBfarValid = 1U << 15;

char const* describe(uint32_t cfsr, uint32_t hfsr) {
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

void keel_cm_kernel_stack_overflow(uint32_t stack_pointer) {
  auto const& status = keel::mmio::map_registers<FaultStatusRegisters>(0xE000'ED28U).get();
  uint32_t const cfsr = status.cfsr.get();
  uint32_t const address = (cfsr & kMmarValid) != 0 ? status.mmfar.get() : 0;
  keel::panic_with_values(__FILE__, __LINE__,
                          "kernel stack overflow: the kernel stack ran into its guard (sp, fault address, CFSR)",
                          stack_pointer, address, cfsr);
}

void keel_cm_kernel_fault(uint32_t const* frame, uint32_t /*exc_return*/, uint32_t /*exception*/) {
  auto const& status = keel::mmio::map_registers<FaultStatusRegisters>(0xE000'ED28U).get();
  uint32_t const cfsr = status.cfsr.get();
  // Frame: r0, r1, r2, r3, r12, lr, pc, xPSR.
  uint32_t address = frame[5];
  if ((cfsr & kMmarValid) != 0) { address = status.mmfar.get(); }
  if ((cfsr & kBfarValid) != 0) { address = status.bfar.get(); }
  keel::panic_with_values(__FILE__, __LINE__, describe(cfsr, status.hfsr.get()), frame[6], address, cfsr);
}
