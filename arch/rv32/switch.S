// SPDX-License-Identifier: Apache-2.0
// Context switch into a process and the trap entry that returns from it (see keel_arch/user_context.h).
//
// mscratch is 0 while the kernel runs and holds the kernel stack pointer while a process runs: that is how the trap
// entry tells a trap from U-mode (save the process, return to the kernel) from one in M-mode (a kernel bug).
//
// Kernel stack frame while a process runs (80 bytes):
//   0 ra, 4 gp, 8 (unused), 12..56 s0-s11, 60 TrapFrame*, 64 scratch for the process's a0.
// tp is not kept: kernel code has no thread-local storage, so the process's tp may stay in the register.
// TrapFrame: registers x0..x31 at 4*n, pc at 128, mcause at 132, mtval at 136.

  .option norelax
  .section .text.keel_rv32_switch_to_user, "ax", @progbits
  .globl keel_rv32_switch_to_user
  .type keel_rv32_switch_to_user, @function
  .balign 4
keel_rv32_switch_to_user:
  addi sp, sp, -80
  sw ra, 0(sp)
  sw gp, 4(sp)
  sw s0, 12(sp)
  sw s1, 16(sp)
  sw s2, 20(sp)
  sw s3, 24(sp)
  sw s4, 28(sp)
  sw s5, 32(sp)
  sw s6, 36(sp)
  sw s7, 40(sp)
  sw s8, 44(sp)
  sw s9, 48(sp)
  sw s10, 52(sp)
  sw s11, 56(sp)
  sw a0, 60(sp)
  csrw mscratch, sp

  lw t0, 128(a0)
  csrw mepc, t0
  // mret goes to U-mode (MPP = 0).
  li t0, 0x1800
  csrc mstatus, t0

  lw x1, 4(a0)
  lw x2, 8(a0)
  lw x3, 12(a0)
  lw x4, 16(a0)
  lw x5, 20(a0)
  lw x6, 24(a0)
  lw x7, 28(a0)
  lw x8, 32(a0)
  lw x9, 36(a0)
  lw x11, 44(a0)
  lw x12, 48(a0)
  lw x13, 52(a0)
  lw x14, 56(a0)
  lw x15, 60(a0)
  lw x16, 64(a0)
  lw x17, 68(a0)
  lw x18, 72(a0)
  lw x19, 76(a0)
  lw x20, 80(a0)
  lw x21, 84(a0)
  lw x22, 88(a0)
  lw x23, 92(a0)
  lw x24, 96(a0)
  lw x25, 100(a0)
  lw x26, 104(a0)
  lw x27, 108(a0)
  lw x28, 112(a0)
  lw x29, 116(a0)
  lw x30, 120(a0)
  lw x31, 124(a0)
  lw x10, 40(a0)
  mret
  .size keel_rv32_switch_to_user, . - keel_rv32_switch_to_user

  .section .text.keel_rv32_trap_entry, "ax", @progbits
  .globl keel_rv32_trap_entry
  .type keel_rv32_trap_entry, @function
  .balign 4
keel_rv32_trap_entry:
  csrrw sp, mscratch, sp
  beqz sp, .Lkernel_trap

  sw a0, 64(sp)
  lw a0, 60(sp)
  sw x1, 4(a0)
  sw x3, 12(a0)
  sw x4, 16(a0)
  sw x5, 20(a0)
  sw x6, 24(a0)
  sw x7, 28(a0)
  sw x8, 32(a0)
  sw x9, 36(a0)
  sw x11, 44(a0)
  sw x12, 48(a0)
  sw x13, 52(a0)
  sw x14, 56(a0)
  sw x15, 60(a0)
  sw x16, 64(a0)
  sw x17, 68(a0)
  sw x18, 72(a0)
  sw x19, 76(a0)
  sw x20, 80(a0)
  sw x21, 84(a0)
  sw x22, 88(a0)
  sw x23, 92(a0)
  sw x24, 96(a0)
  sw x25, 100(a0)
  sw x26, 104(a0)
  sw x27, 108(a0)
  sw x28, 112(a0)
  sw x29, 116(a0)
  sw x30, 120(a0)
  sw x31, 124(a0)
  lw t0, 64(sp)
  sw t0, 40(a0)
  csrr t0, mscratch
  sw t0, 8(a0)
  csrw mscratch, zero
  csrr t0, mepc
  sw t0, 128(a0)
  csrr t0, mcause
  sw t0, 132(a0)
  csrr t0, mtval
  sw t0, 136(a0)

  lw ra, 0(sp)
  lw gp, 4(sp)
  lw s0, 12(sp)
  lw s1, 16(sp)
  lw s2, 20(sp)
  lw s3, 24(sp)
  lw s4, 28(sp)
  lw s5, 32(sp)
  lw s6, 36(sp)
  lw s7, 40(sp)
  lw s8, 44(sp)
  lw s9, 48(sp)
  lw s10, 52(sp)
  lw s11, 56(sp)
  addi sp, sp, 80
  ret

.Lkernel_trap:
  // A trap in M-mode: restore the kernel's sp (mscratch back to 0) and report it; this does not return.
  csrrw sp, mscratch, sp
  csrr a0, mcause
  csrr a1, mepc
  csrr a2, mtval
  j keel_rv32_kernel_trap
  .size keel_rv32_trap_entry, . - keel_rv32_trap_entry
