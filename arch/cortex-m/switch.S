// SPDX-License-Identifier: Apache-2.0
// ARMv7-M context switch, system-call, interrupt and fault entry (ARMv7-M ARM B1.5).
//
// The kernel runs in privileged thread mode on the main stack with BASEPRI = 0x80, which masks every interrupt (all are
// set to priority 0x80, by Nvic::initialize; start.S says why that need not be trusted) but not svc or the faults
// (priority 0). keel_cm_switch_to_user pushes the kernel's callee-saved registers, loads the process's r4-r11 and PSP
// and executes `svc 0xff`; the svc handler sees it came from the main stack, drops privilege, clears BASEPRI and
// returns to thread mode on the process stack, which pops the frame UserContext put there. When the process traps (svc,
// interrupt, fault), the handler saves r4-r11, the PSP and the cause into SavedState (saved_state.h, untrusted, held to
// the offsets used here by assembly_entry.h), restores privilege and BASEPRI and returns to thread mode on the main
// stack: that pops the frame of the kernel's own svc, so keel_cm_switch_to_user continues after it. The main stack then
// holds, from sp: the kernel svc's frame (its r0 is the SavedState pointer), then what keel_cm_switch_to_user pushed.
// An interrupt taken from a process is pended again for the kernel to service with interrupts masked.
//
// TRUSTED: assembly.

  .syntax unified
  .thumb

  .equ KERNEL_BASEPRI, 0x80
  // SavedState (saved_state.h; arch/cortex-m/assembly_entry.h checks these offsets against it): the PSP at 0, then
  // the cause (4: 0 svc, 1 interrupt, 2 fault, saved_state.h's kTrap*), write_frame (8), r4-r11 (12), the exception
  // number (44), CFSR, HFSR, MMFAR, BFAR (48), r0-r3 (64), the svc's immediate (80), r12, lr, pc and xPSR (84).
  .equ STATE_WRITE_FRAME, 8
  .equ STATE_CFSR, 48
  .equ STATE_ARGS, 64
  // A hardware exception frame: r0-r3, r12, lr (at 20), pc (at 24), xPSR.
  .equ NVIC_ISPR0, 0xE000E200
  .equ SCB_CFSR, 0xE000ED28  // then HFSR +4, MMFAR +12, BFAR +16
  // EXC_RETURN (B1.5.8) is 0xFFFFFFF9 for a return to thread mode on the main stack and 0xFFFFFFFD on the process
  // stack: bit 2 (which the handlers test to tell where they came from) picks the stack.

// A global function: the symbol the vector table, start.S and assembly_entry.h's declarations name.
  .macro FUNCTION name
  .global \name
  .type \name, %function
\name:
  .endm

// void keel_cm_switch_to_user(SavedState& state)
  FUNCTION keel_cm_switch_to_user
  push {r0, r4-r11, lr}
  // The frame the kernel changed (a system call's return, an upcall, a first start) goes to the process stack,
  // where the exception return below pops it. That address held a frame the hardware pushed with the process's own
  // permissions (or, for a first start, UserContext checked it against the process's RAM), so it lies in the
  // process's RAM block, below anything that ever held a grant (ProcessEntry::enter checks it).
  ldr r3, [r0, #STATE_WRITE_FRAME]
  cbz r3, 1f
  ldr r1, [r0]            // the PSP
  add r2, r0, #STATE_ARGS
  ldmia r2, {r3-r11}      // r0-r3, the svc's immediate (r7, not stored), r12, lr, pc, xPSR
  stmia r1, {r3-r6, r8-r11}
1:
  ldmia r0, {r1-r11}      // psp, reason, write_frame, r4-r11 (the return to the kernel clears write_frame)
  msr psp, r1
  dsb                     // the MPU regions just written apply before the process runs
  svc 0xff
keel_cm_after_enter:
  pop {r0, r4-r11, pc}
  .size keel_cm_switch_to_user, . - keel_cm_switch_to_user

  FUNCTION keel_cm_svc_handler
  tst lr, #4
  bne 1f
  // From the main stack: only keel_cm_switch_to_user's svc enters a process. Any other (an svc of a process left
  // pending when pushing its frame faulted, taken once the kernel runs again) returns untouched.
  ldr r0, [sp, #24]       // the pushed pc
  ldr r1, =keel_cm_after_enter
  cmp r0, r1
  it ne
  bxne lr
  // Enter the process.
  movs r0, #1
  msr control, r0         // unprivileged thread mode
  movs r0, #0
  msr basepri, r0         // interrupts reach the process
  orr lr, lr, #4          // from thread mode on the main stack (0xFFFFFFF9) to the process stack (0xFFFFFFFD);
  bx lr                   // the exception return synchronises the CONTROL and BASEPRI writes
1:
  movs r2, #0             // the cause: svc
  b keel_cm_return_to_kernel
  .size keel_cm_svc_handler, . - keel_cm_svc_handler

// An exception taken from a process, r2 = the cause: saves the PSP, the cause, write_frame cleared, the process's
// r4-r11 and the exception's number into SavedState (the kernel svc frame's r0, at the top of the main stack), and,
// after an svc, the frame the hardware pushed and the svc's immediate: the halfword before the pushed pc. The frame
// was pushed with the process's own (unprivileged) permissions, so it lies in memory the process may write; the pc
// is where the svc ran from, which only the process's executable (flash) region allows. Neither is an address the
// process can choose. Then back into keel_cm_switch_to_user, after its svc.
  .type keel_cm_return_to_kernel, %function
keel_cm_return_to_kernel:
  ldr r0, [sp]            // the SavedState
  mrs r1, psp
  movs r3, #0
  mrs r12, ipsr
  stmia r0, {r1-r12}      // psp, cause, write_frame = 0, r4-r11, exception: r4-r11 are free now
  cbnz r2, 1f             // not an svc
  ldmia r1, {r4-r7, r9-r12}  // the frame: r0-r3, r12, lr, pc, xPSR
  ldrb r8, [r11, #-2]     // the svc's immediate, below the pushed pc
  add r1, r0, #STATE_ARGS
  stmia r1, {r4-r12}      // r0-r3, the immediate, r12, lr, pc, xPSR
1:
  msr control, r3         // privileged thread mode again
  movs r3, #KERNEL_BASEPRI
  msr basepri, r3
  bic lr, lr, #4          // from the process stack (0xFFFFFFFD) to thread mode on the main stack (0xFFFFFFF9);
  bx lr                   // the exception return synchronises the CONTROL and BASEPRI writes
  .size keel_cm_return_to_kernel, . - keel_cm_return_to_kernel

  FUNCTION keel_cm_interrupt_handler
  tst lr, #4
  it eq
  bxeq lr                 // the kernel masks interrupts: none should come from it; leave it pending
  // Taking the interrupt cleared its pending bit. Set it again, so that the kernel (which runs with interrupts
  // masked) finds it and services the device; a level line that stays high would not pend it again by itself.
  mrs r0, ipsr
  subs r0, r0, #16        // NVIC interrupt number; negative for PendSV and SysTick, which are not NVIC lines
  movs r1, #1
  lsls r1, r1, r0         // 0 for those: a shift by the low byte of r0, 254 or 255, leaves nothing
  ldr r2, =NVIC_ISPR0
  str r1, [r2]            // (writing 0 pends nothing)
  movs r2, #1             // the cause: an interrupt
  b keel_cm_return_to_kernel
  .size keel_cm_interrupt_handler, . - keel_cm_interrupt_handler

  FUNCTION keel_cm_fault_handler
  ldr r12, =SCB_CFSR
  ldrd r0, r1, [r12]      // CFSR, HFSR
  strd r0, r1, [r12]      // write-one-to-clear: the next fault reports only its own bits
  ldrd r2, r3, [r12, #12] // MMFAR, BFAR
  tst lr, #4
  beq 2f
  ldr r12, [sp]           // the SavedState
  add r12, r12, #STATE_CFSR
  stmia r12, {r0-r3}
  movs r2, #2             // the cause: a fault
  b keel_cm_return_to_kernel
2:
  // A fault in the kernel: report the fault status and the frame it pushed (on the main stack, the only one the
  // kernel uses), as values. Below the stack's bottom the main stack ran into the guard: the frame is not there (its
  // stacking faulted too), and the report needs a stack, so it restarts at the top (the kernel never returns from a
  // panic).
  mov r12, sp
  ldr lr, =_kernel_stack_bottom
  cmp r12, lr
  bhs 3f
  ldr lr, =_kernel_stack_top
  msr msp, lr
  mov r1, r12             // where sp was, in place of HFSR
  bl keel_cm_kernel_stack_overflow  // (CFSR, sp, MMFAR)
3:
  ldrd r12, lr, [r12, #20]
  push {r12, lr}          // the fifth and sixth arguments, the pushed lr and pc
  bl keel_cm_kernel_fault  // (CFSR, HFSR, MMFAR, BFAR, lr, pc)
  .size keel_cm_fault_handler, . - keel_cm_fault_handler


// void keel_cm_wait_for_interrupt(): wfi with every interrupt masked. BASEPRI would keep a masked interrupt from
// waking wfi; PRIMASK does not, so it holds interrupts off while BASEPRI is briefly cleared.
  FUNCTION keel_cm_wait_for_interrupt
  cpsid i
  movs r0, #0
  msr basepri, r0
  dsb
  wfi
  movs r0, #KERNEL_BASEPRI
  msr basepri, r0
  cpsie i
  bx lr
  .size keel_cm_wait_for_interrupt, . - keel_cm_wait_for_interrupt
