/* SPDX-License-Identifier: Apache-2.0 */
/* fuzz_syscall (registers.h): every register from r->before, the trap, every register into r->after. */
#if defined(__riscv)
/* rv32: one stub, the class in a4 like every other argument. 80-byte frame: ra, s0-s11, gp, tp at 0-56, r at 60,
 * the t6 the trap left at 64. */
  .section .text.fuzz_syscall, "ax", @progbits
  .globl fuzz_syscall
  .type fuzz_syscall, @function
  .p2align 2
fuzz_syscall:
  addi sp, sp, -80
  sw ra, 0(sp)
  sw s0, 4(sp)
  sw s1, 8(sp)
  sw s2, 12(sp)
  sw s3, 16(sp)
  sw s4, 20(sp)
  sw s5, 24(sp)
  sw s6, 28(sp)
  sw s7, 32(sp)
  sw s8, 36(sp)
  sw s9, 40(sp)
  sw s10, 44(sp)
  sw s11, 48(sp)
  sw gp, 52(sp)
  sw tp, 56(sp)
  sw a0, 60(sp)
  mv t6, a0
  sw sp, 8(t6)
  .irp n, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30
  lw x\n, (\n * 4)(t6)
  .endr
  lw t6, 124(t6)
  ecall
  sw t6, 64(sp)
  lw t6, 60(sp)
  .irp n, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30
  sw x\n, (128 + \n * 4)(t6)
  .endr
  lw t5, 64(sp)
  sw t5, (128 + 31 * 4)(t6)
  lw ra, 0(sp)
  lw s0, 4(sp)
  lw s1, 8(sp)
  lw s2, 12(sp)
  lw s3, 16(sp)
  lw s4, 20(sp)
  lw s5, 24(sp)
  lw s6, 28(sp)
  lw s7, 32(sp)
  lw s8, 36(sp)
  lw s9, 40(sp)
  lw s10, 44(sp)
  lw s11, 48(sp)
  lw gp, 52(sp)
  lw tp, 56(sp)
  addi sp, sp, 80
  ret
  .size fuzz_syscall, . - fuzz_syscall

#elif defined(__arm__)
/* Cortex-M: the class is the svc immediate, so one stub per class. Frame: r4-r11 and lr pushed, then 20 bytes
 * (56 in all, keeping sp 8-byte aligned): r at [sp], the r12 the trap left at [sp, #4], its APSR at [sp, #8]. */
  .syntax unified
  .thumb
  .macro FUZZ_STUB class
  .section .text.fuzz_syscall_\class, "ax", %progbits
  .globl fuzz_syscall_\class
  .type fuzz_syscall_\class, %function
  .thumb_func
fuzz_syscall_\class:
  push {r4-r11, lr}
  sub sp, sp, #20
  str r0, [sp]
  mov r1, sp
  str r1, [r0, #52]
  ldr r1, [r0, #64]
  msr APSR_nzcvq, r1
  ldr lr, [r0, #56]
  ldr r12, [r0, #48]
  ldr r11, [r0, #44]
  ldr r10, [r0, #40]
  ldr r9, [r0, #36]
  ldr r8, [r0, #32]
  ldr r7, [r0, #28]
  ldr r6, [r0, #24]
  ldr r5, [r0, #20]
  ldr r4, [r0, #16]
  ldr r3, [r0, #12]
  ldr r2, [r0, #8]
  ldr r1, [r0, #4]
  ldr r0, [r0]
  svc #\class
  str r12, [sp, #4]
  mrs r12, APSR
  str r12, [sp, #8]
  ldr r12, [sp]
  str r0, [r12, #68]
  str r1, [r12, #72]
  str r2, [r12, #76]
  str r3, [r12, #80]
  str r4, [r12, #84]
  str r5, [r12, #88]
  str r6, [r12, #92]
  str r7, [r12, #96]
  str r8, [r12, #100]
  str r9, [r12, #104]
  str r10, [r12, #108]
  str r11, [r12, #112]
  ldr r1, [sp, #4]
  str r1, [r12, #116]
  mov r1, sp
  str r1, [r12, #120]
  str lr, [r12, #124]
  ldr r1, [sp, #8]
  str r1, [r12, #132]
  add sp, sp, #20
  pop {r4-r11, pc}
  .size fuzz_syscall_\class, . - fuzz_syscall_\class
  .endm

  FUZZ_STUB 0
  FUZZ_STUB 1
  FUZZ_STUB 2
  FUZZ_STUB 3
  FUZZ_STUB 4
  FUZZ_STUB 5
  FUZZ_STUB 6
  FUZZ_STUB 7
#endif
