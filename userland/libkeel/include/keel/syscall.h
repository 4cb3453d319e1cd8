// SPDX-License-Identifier: Apache-2.0
// Raw Keel (Tock 2.x) system calls: the trap, the class numbers and the return variants, nothing decoded. The trap
// itself is architecture-specific (keel/arch/syscall_rv32.h: ecall; keel/arch/syscall_armv7m.h: svc); the API is
// the same on both.
//
// Usage: prefer the decoded wrappers in keel/calls.h. These are for code that must see the kernel's exact answer
// (tests of the ABI, misbehaving apps) or issue a call the wrappers refuse to make.
//
//   keel_syscall_return keel_syscall(class, arg0, arg1, arg2, arg3);   any class but yield (and exit never returns)
//   keel_syscall_return keel_syscall_yield(variant, arg1, arg2);
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

// Return variants (the value of a0 / r0 after every class but yield).
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

// What a0-a3 (rv32) or r0-r3 (Cortex-M) held when the kernel returned.
typedef struct keel_syscall_return {
  uint32_t variant;  // a0 / r0
  uint32_t r1;       // a1 / r1
  uint32_t r2;       // a2 / r2
  uint32_t r3;       // a3 / r3
} keel_syscall_return;

#if defined(__riscv)
#include "keel/arch/syscall_rv32.h"
#elif defined(__arm__)
#include "keel/arch/syscall_armv7m.h"
#else
#error "libkeel supports rv32 and Cortex-M (ARMv7-M) only"
#endif

#ifdef __cplusplus
}
#endif

#endif  // KEEL_SYSCALL_H
