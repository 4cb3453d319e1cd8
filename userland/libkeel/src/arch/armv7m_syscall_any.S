// SPDX-License-Identifier: Apache-2.0
// keel_syscall_any_class(result, class_number, args): a system call whose class is not a compile-time constant 1-7
// (see keel/arch/syscall_armv7m.h). The svc immediate is part of the instruction, so this jumps into a table of 256
// `svc #n; bx lr` pairs (4 bytes each) at index class & 0xFF. Position-independent: the table is found pc-relative.
// Treated like yield: r0-r3, r12, lr and the flags may change (a yield through here may run an upcall).
  .syntax unified
  .thumb

  .section .text.keel_syscall_any_class, "ax", %progbits
  .globl keel_syscall_any_class
  .type keel_syscall_any_class, %function
  .thumb_func
keel_syscall_any_class:
  push {r4, lr}
  mov r4, r0                 // result pointer, kept across the call (callee-saved)
  uxtb r1, r1
  adr r12, .Lstubs
  add r12, r12, r1, lsl #2
  orr r12, r12, #1           // Thumb state
  ldm r2, {r0-r3}
  blx r12
  stm r4, {r0-r3}
  pop {r4, pc}

  .balign 4
.Lstubs:
  .set class, 0
  .rept 256
  svc #class
  bx lr
  .set class, class + 1
  .endr
  .size keel_syscall_any_class, . - keel_syscall_any_class
