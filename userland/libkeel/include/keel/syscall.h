// SPDX-License-Identifier: Apache-2.0
// Raw Keel (Tock 2.x) system calls for rv32: the trap, the class numbers and the return variants, nothing decoded.
//
// Usage: prefer the decoded wrappers in keel/calls.h. These are for code that must see the kernel's exact answer
// (tests of the ABI, misbehaving apps) or issue a call the wrappers refuse to make.
//
// The trap is `ecall` with the class in a4 and arguments in a0-a3; results come back in a0-a3. Every class but yield
// leaves all other registers alone, so those calls only name a0-a3 as outputs. Yield may run an upcall, which is an
// ordinary C function call on our stack, so it clobbers every caller-saved register.
#ifndef KEEL_SYSCALL_H
#define KEEL_SYSCALL_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

enum {
  KEEL_CLASS_YIELD = 0,
  KEEL_CLASS_SUBSCRIBE = 1,
  KEEL_CLASS_COMMAND = 2,
  KEEL_CLASS_ALLOW_RW = 3,
  KEEL_CLASS_ALLOW_RO = 4,
  KEEL_CLASS_MEMOP = 5,
  KEEL_CLASS_EXIT = 6,
  KEEL_CLASS_ALLOW_USERSPACE_READABLE = 7,
};

// Return variants (the value of a0 after every class but yield).
enum {
  KEEL_VARIANT_FAILURE = 0,
  KEEL_VARIANT_FAILURE_U32 = 1,
  KEEL_VARIANT_FAILURE_2_U32 = 2,
  KEEL_VARIANT_FAILURE_U64 = 3,
  KEEL_VARIANT_SUCCESS = 128,
  KEEL_VARIANT_SUCCESS_U32 = 129,
  KEEL_VARIANT_SUCCESS_2_U32 = 130,
  KEEL_VARIANT_SUCCESS_U64 = 131,
  KEEL_VARIANT_SUCCESS_3_U32 = 132,
  KEEL_VARIANT_SUCCESS_U32_U64 = 133,
};

// What a0-a3 held when the kernel returned.
typedef struct keel_syscall_return {
  uint32_t variant;  // a0
  uint32_t r1;       // a1
  uint32_t r2;       // a2
  uint32_t r3;       // a3
} keel_syscall_return;

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

#ifdef __cplusplus
}
#endif

#endif  // KEEL_SYSCALL_H
