// SPDX-License-Identifier: Apache-2.0
// Machine-mode control and status registers (RISC-V privileged spec v1.12, chapter 3), one named function each.
//
// TRUSTED: inline assembly (CSR instructions have no C++ spelling).
#pragma once

#include "kernel/core/types.h"

namespace keel::arch::rv32 {

// Bits of mie / mip (privileged spec 3.1.9).
inline constexpr uint32_t kMachineSoftwareInterrupt = 1U << 3;
inline constexpr uint32_t kMachineTimerInterrupt = 1U << 7;
inline constexpr uint32_t kMachineExternalInterrupt = 1U << 11;

inline uint32_t read_mip() {
  uint32_t value = 0;
  asm volatile("csrr %0, mip" : "=r"(value));
  return value;
}
inline uint32_t read_mie() {
  uint32_t value = 0;
  asm volatile("csrr %0, mie" : "=r"(value));
  return value;
}
inline void set_mie_bits(uint32_t bits) { asm volatile("csrs mie, %0" ::"r"(bits)); }
inline void clear_mie_bits(uint32_t bits) { asm volatile("csrc mie, %0" ::"r"(bits)); }
/// Waits for an enabled interrupt to become pending. Wakes even with mstatus.MIE clear, which is how the kernel
/// sleeps: it never takes interrupts in machine mode, it polls mip after waking.
inline void wait_for_interrupt() { asm volatile("wfi" ::: "memory"); }

}  // namespace keel::arch::rv32
