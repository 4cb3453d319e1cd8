// SPDX-License-Identifier: Apache-2.0
// Raw Keel system calls for Cortex-M (ARMv7-M, Thumb-2) (included by keel/syscall.h; do not include directly).
//
// The trap is `svc #class`: the class is the instruction's 8-bit immediate, so every class needs its own instruction.
// Arguments go in r0-r3 and results come back in r0-r3; every class but yield leaves all other registers (r9, the
// PIC base, included) alone. Yield may run an upcall, an ordinary C function call on our stack, which may clobber
// r0-r3, r12, lr and the flags.
//
// keel_syscall() with a constant class 1-7 (all libkeel's own calls) compiles to one inline svc. Any other class
// (yield through keel_syscall, an unknown class for the ABI tests, or a class only known at run time) goes through
// keel_syscall_any_class(), which selects one of 256 `svc #n` stubs; only the low 8 bits of such a class reach the
// kernel, because the svc immediate has no more.
#ifndef KEEL_ARCH_SYSCALL_ARMV7M_H
#define KEEL_ARCH_SYSCALL_ARMV7M_H

#ifndef KEEL_SYSCALL_H
#error "include keel/syscall.h, not keel/arch/syscall_armv7m.h"
#endif

// Out of line (libkeel/src/arch/armv7m_syscall_any.S): `svc #(class_number & 0xFF)` with r0-r3 = args[0..3].
void keel_syscall_any_class(keel_syscall_return* result, uint32_t class_number, const uint32_t args[4]);

#define KEEL_ARMV7M_SVC_(class_literal)                                                                  \
  __asm__ volatile("svc " #class_literal : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3) : : "memory")

static inline keel_syscall_return keel_syscall(uint32_t class_number, uint32_t arg0, uint32_t arg1, uint32_t arg2,
                                               uint32_t arg3) {
  register uint32_t r0 __asm__("r0") = arg0;
  register uint32_t r1 __asm__("r1") = arg1;
  register uint32_t r2 __asm__("r2") = arg2;
  register uint32_t r3 __asm__("r3") = arg3;
  switch (class_number) {
    case KEEL_CLASS_SUBSCRIBE: KEEL_ARMV7M_SVC_(1); break;
    case KEEL_CLASS_COMMAND: KEEL_ARMV7M_SVC_(2); break;
    case KEEL_CLASS_ALLOW_RW: KEEL_ARMV7M_SVC_(3); break;
    case KEEL_CLASS_ALLOW_RO: KEEL_ARMV7M_SVC_(4); break;
    case KEEL_CLASS_MEMOP: KEEL_ARMV7M_SVC_(5); break;
    case KEEL_CLASS_EXIT: KEEL_ARMV7M_SVC_(6); break;
    case KEEL_CLASS_ALLOW_USERSPACE_READABLE: KEEL_ARMV7M_SVC_(7); break;
    default: {
      const uint32_t args[4] = {arg0, arg1, arg2, arg3};
      keel_syscall_return result;
      keel_syscall_any_class(&result, class_number, args);
      return result;
    }
  }
  keel_syscall_return result = {r0, r1, r2, r3};
  return result;
}

#undef KEEL_ARMV7M_SVC_

// Yield (class 0). Whatever the kernel leaves in r0-r3 is returned; only wait-for (variant 2) defines them.
static inline keel_syscall_return keel_syscall_yield(uint32_t variant, uint32_t arg1, uint32_t arg2) {
  register uint32_t r0 __asm__("r0") = variant;
  register uint32_t r1 __asm__("r1") = arg1;
  register uint32_t r2 __asm__("r2") = arg2;
  register uint32_t r3 __asm__("r3") = 0;
  __asm__ volatile("svc 0" : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3) : : "r12", "lr", "cc", "memory");
  keel_syscall_return result = {r0, r1, r2, r3};
  return result;
}

#endif  // KEEL_ARCH_SYSCALL_ARMV7M_H
