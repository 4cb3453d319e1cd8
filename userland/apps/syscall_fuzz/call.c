// SPDX-License-Identifier: Apache-2.0
// One system call with fresh random values in every register the kernel must preserve, checked afterwards
// (abi.md "Trap and registers"): every class but yield preserves all registers but the four result registers
// (rv32: all but a0-a3; Cortex-M: r4-r12, sp, lr and the flags); yield may run an upcall, an ordinary function
// call, so only the callee-saved registers and sp are promised there (rv32: s0-s11, sp, gp, tp; Cortex-M: r4-r11
// and sp). For a yield, the registers an upcall's code relies on (rv32: gp, tp; Cortex-M: r9, the GOT base) hold
// their real values instead of random ones.
#include <stdio.h>

#include "fuzz.h"
#include "registers.h"

static fuzz_registers regs;

static uint32_t current_global_pointer(void) {
  uint32_t value;
#if defined(__riscv)
  __asm__ volatile("mv %0, gp" : "=r"(value));
#else
  __asm__ volatile("mov %0, r9" : "=r"(value));
#endif
  return value;
}

#if defined(__riscv)
static uint32_t current_thread_pointer(void) {
  uint32_t value;
  __asm__ volatile("mv %0, tp" : "=r"(value));
  return value;
}

// Which registers must come back unchanged (bit n: xn).
#define SAVED_REGISTERS (0x0FFC0304u | (1u << 3) | (1u << 4))  // s0-s1 (x8-x9), s2-s11 (x18-x27), sp, gp, tp
#define ALL_BUT_RESULTS (0xFFFFFFFEu & ~(0xFu << 10))           // x1-x31 but a0-a3

static void trap(uint32_t class_number) {
  (void)class_number;
  fuzz_syscall(&regs);
}
#else
#define SAVED_REGISTERS (0xFF0u | (1u << 13))                                    // r4-r11, sp
#define ALL_BUT_RESULTS ((0x1FF0u | (1u << 13) | (1u << 14)) | (1u << FUZZ_APSR))  // r4-r12, sp, lr, APSR

static void (*const stubs[8])(fuzz_registers*) = {fuzz_syscall_0, fuzz_syscall_1, fuzz_syscall_2, fuzz_syscall_3,
                                                   fuzz_syscall_4, fuzz_syscall_5, fuzz_syscall_6, fuzz_syscall_7};
static void trap(uint32_t class_number) { stubs[class_number & 7u](&regs); }
#endif

keel_syscall_return fuzz_call(uint32_t class_number, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3) {
  for (int i = 0; i < FUZZ_REGISTER_COUNT; ++i) { regs.before[i] = fuzz_random(); }
  regs.before[FUZZ_FIRST_RESULT + 0] = a0;
  regs.before[FUZZ_FIRST_RESULT + 1] = a1;
  regs.before[FUZZ_FIRST_RESULT + 2] = a2;
  regs.before[FUZZ_FIRST_RESULT + 3] = a3;
  bool const yield = class_number == KEEL_CLASS_YIELD;
#if defined(__riscv)
  regs.before[14] = class_number;
  if (yield) {
    regs.before[3] = current_global_pointer();
    regs.before[4] = current_thread_pointer();
  }
#else
  if (yield) { regs.before[9] = current_global_pointer(); }
#endif

  ++fuzz.calls;
  ++fuzz.per_class[class_number & 7u];
  trap(class_number);

  uint32_t const must_keep = yield ? SAVED_REGISTERS : ALL_BUT_RESULTS;
  for (int i = 0; i < FUZZ_REGISTER_COUNT; ++i) {
    if ((must_keep & (1u << i)) == 0) { continue; }
    uint32_t before = regs.before[i];
    uint32_t after = regs.after[i];
#if defined(__arm__)
    if (i == FUZZ_APSR) {
      before &= FUZZ_APSR_FLAGS;
      after &= FUZZ_APSR_FLAGS;
    }
#endif
    if (before != after) {
      printf("syscall_fuzz: register %d was 0x%08lx before the call, 0x%08lx after\n", i, (unsigned long)before,
             (unsigned long)after);
      uint32_t const args[4] = {a0, a1, a2, a3};
      keel_syscall_return const r = {regs.after[FUZZ_FIRST_RESULT], regs.after[FUZZ_FIRST_RESULT + 1],
                                     regs.after[FUZZ_FIRST_RESULT + 2], regs.after[FUZZ_FIRST_RESULT + 3]};
      fuzz_violation("a register the ABI preserves changed", class_number, args, r);
    }
  }
  keel_syscall_return const result = {regs.after[FUZZ_FIRST_RESULT], regs.after[FUZZ_FIRST_RESULT + 1],
                                      regs.after[FUZZ_FIRST_RESULT + 2], regs.after[FUZZ_FIRST_RESULT + 3]};
  return result;
}
