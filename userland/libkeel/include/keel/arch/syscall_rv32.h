// SPDX-License-Identifier: Apache-2.0
// Raw Keel system calls for rv32 (included by keel/syscall.h; do not include directly).
//
// The trap is `ecall` with the class in a4 and arguments in a0-a3; results come back in a0-a3. Every class but yield
// leaves all other registers alone, so those calls only name a0-a3 as outputs. Yield may run an upcall, which is an
// ordinary C function call on our stack, so it clobbers every caller-saved register.
#ifndef KEEL_ARCH_SYSCALL_RV32_H
#define KEEL_ARCH_SYSCALL_RV32_H

#ifndef KEEL_SYSCALL_H
#error "include keel/syscall.h, not keel/arch/syscall_rv32.h"
#endif

// Any class except yield (and except exit, which does not return). The class is a register operand, not an
// immediate, so an invalid class (the unknown_syscall test app) goes through the same path.
static inline keel_syscall_return keel_syscall(uint32_t class_number, uint32_t arg0, uint32_t arg1, uint32_t arg2,
                                               uint32_t arg3) {
  register uint32_t a0 __asm__("a0") = arg0;
  register uint32_t a1 __asm__("a1") = arg1;
  register uint32_t a2 __asm__("a2") = arg2;
  register uint32_t a3 __asm__("a3") = arg3;
  register uint32_t a4 __asm__("a4") = class_number;
  __asm__ volatile("ecall" : "+r"(a0), "+r"(a1), "+r"(a2), "+r"(a3) : "r"(a4) : "memory");
  keel_syscall_return result = {a0, a1, a2, a3};
  return result;
}

// Yield (class 0). Whatever the kernel leaves in a0-a3 is returned; only wait-for (variant 2) defines them.
static inline keel_syscall_return keel_syscall_yield(uint32_t variant, uint32_t arg1, uint32_t arg2) {
  register uint32_t a0 __asm__("a0") = variant;
  register uint32_t a1 __asm__("a1") = arg1;
  register uint32_t a2 __asm__("a2") = arg2;
  register uint32_t a3 __asm__("a3") = 0;
  register uint32_t a4 __asm__("a4") = KEEL_CLASS_YIELD;
  __asm__ volatile("ecall"
                   : "+r"(a0), "+r"(a1), "+r"(a2), "+r"(a3), "+r"(a4)
                   :
                   : "a5", "a6", "a7", "t0", "t1", "t2", "t3", "t4", "t5", "t6", "ra", "memory");
  keel_syscall_return result = {a0, a1, a2, a3};
  return result;
}

#endif  // KEEL_ARCH_SYSCALL_RV32_H
