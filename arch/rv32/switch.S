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

  .equ PMP_ENTRY1_TOR, 0x800  // pmpcfg0 byte 1, A = TOR

// `frame op, n...`: `op` (lw or sw) register x<n> at its TrapFrame slot, 4*n(a0), for each n in the order given.
  .macro frame op, registers:vararg
  .irp n, \registers
  \op x\n, 4*\n(a0)
  .endr
  .endm

// `kernel_saved op`: `op` the kernel's callee-saved registers at their kernel stack frame slots (layout above).
  .macro kernel_saved op
  \op ra, 0(sp)
  \op gp, 4(sp)
  .irp k, 0,1,2,3,4,5,6,7,8,9,10,11
  \op s\k, 12+4*\k(sp)
  .endr
  .endm

  .section .text.keel_rv32_switch_to_user, "ax", @progbits
  .globl keel_rv32_switch_to_user
  .type keel_rv32_switch_to_user, @function
  .balign 4
keel_rv32_switch_to_user:
  addi sp, sp, -80
  kernel_saved sw
  sw a0, 60(sp)
  csrw mscratch, sp

  lw t0, 128(a0)
  csrw mepc, t0
  // mret goes to U-mode (MPP = 0).
  li t0, 0x1800
  csrc mstatus, t0

  // Every register but x0, a0 (x10, the frame's address) last.
  frame lw, 1,2,3,4,5,6,7,8,9,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,10
  mret
  .size keel_rv32_switch_to_user, . - keel_rv32_switch_to_user

  .section .text.keel_rv32_trap_entry, "ax", @progbits
  .globl keel_rv32_trap_entry
  .type keel_rv32_trap_entry, @function
  .balign 4
keel_rv32_trap_entry:
  csrrw sp, mscratch, sp
  beqz sp, .Lkernel_trap

  // a0 goes through the scratch slot (it must first hold the frame's address), sp through mscratch.
  sw a0, 64(sp)
  lw a0, 60(sp)
  frame sw, 1,3,4,5,6,7,8,9,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
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

  kernel_saved lw
  addi sp, sp, 80
  ret

.Lkernel_trap:
  // A trap in M-mode: restore the kernel's sp (mscratch back to 0). Three cases:
  // - sp below the stack's bottom: the kernel stack ran into its guard; the report restarts the stack at its top.
  // - a load from the TBF of the process whose rules the PMP holds: entry 1 (U-mode only under Smepmp) shadows the
  //   kernel's read-only entry 12 there. Entry 1 is suspended (off) and the load retried; the process's own next
  //   access to its TBF traps, and arch::resume_flash_rule turns entry 1 back on (arch/rv32/pmp.cpp; the PMP's own
  //   state says it was suspended). So the kernel's reads of that TBF cost two traps, and a system call nothing.
  // - anything else is a kernel bug: report it; this does not return.
  csrrw sp, mscratch, sp
  csrw mscratch, t0               // t0, kept while no stack is known to be usable (nothing here traps)
  la t0, _kernel_stack_bottom
  bltu sp, t0, .Lstack_overflow
  csrr t0, mscratch
  csrw mscratch, zero
  addi sp, sp, -8
  sw t0, 0(sp)
  sw t1, 4(sp)
  csrr t0, mcause
  li t1, 5                        // load access fault
  bne t0, t1, .Lkernel_bug
  // pmpaddr holds address bits 33:2, and the TBF's bounds are multiples of 4: compare mtval's bits 33:2.
  csrr t0, mtval
  srli t0, t0, 2
  csrr t1, pmpaddr0
  bltu t0, t1, .Lkernel_bug
  csrr t1, pmpaddr1
  bgeu t0, t1, .Lkernel_bug
  li t1, PMP_ENTRY1_TOR
  csrc pmpcfg0, t1
  lw t0, 0(sp)
  lw t1, 4(sp)
  addi sp, sp, 8
  mret
.Lkernel_bug:
  addi sp, sp, 8
  csrr a0, mcause
  csrr a1, mepc
  csrr a2, mtval
  j keel_rv32_kernel_trap
.Lstack_overflow:
  csrw mscratch, zero
  csrr a0, mcause
  csrr a1, mepc
  csrr a2, mtval
  mv a3, sp
  la sp, _kernel_stack_top
  j keel_rv32_kernel_stack_overflow
  .size keel_rv32_trap_entry, . - keel_rv32_trap_entry
