// SPDX-License-Identifier: Apache-2.0
// ARMv7-M vector table and reset entry. The table sits at the start of the image (the board's layout.ld puts
// .vectors at its flash base, where VTOR points after reset). Reset sets BASEPRI (the kernel runs with interrupts
// masked), copies .data and zeroes .bss (memcpy, memset: they use no static data), turns on the MemManage, BusFault
// and UsageFault exceptions so that each fault is reported as what it is, and calls keel_board_main.
//
// The interrupts' priorities are not set here: Nvic::initialize (untrusted) gives every interrupt the priority
// BASEPRI masks, before the chip enables any. A wrong priority decides only whether an interrupt can preempt the
// kernel, which is liveness, not memory safety: keel_cm_interrupt_handler returns at once from anything but a
// process (it tells them apart by EXC_RETURN, not by priority); svc and the faults stay at priority 0 (SHPR1-3
// are mapped for no one), so no interrupt preempts their handlers; and nesting can only overflow the kernel stack
// into the MPU's no-access guard below it, which keel_cm_fault_handler reports.
//
// TRUSTED: assembly.

  .syntax unified
  .thumb

  .equ KERNEL_BASEPRI, 0x80
  .equ SCB_CCR, 0xE000ED14      // SHCSR is at +0x10

  .section .vectors, "a", %progbits
  .global keel_vector_table
keel_vector_table:
  .word _kernel_stack_top
  .word keel_cm_reset
  .rept 5                       // NMI, HardFault, MemManage, BusFault, UsageFault
  .word keel_cm_fault_handler
  .endr
  .word 0, 0, 0, 0
  .word keel_cm_svc_handler     // SVCall
  .word keel_cm_fault_handler   // DebugMonitor
  .word 0
  .rept 2 + 32                  // PendSV, SysTick, then the 32 external interrupts
  .word keel_cm_interrupt_handler
  .endr

  .section .text.keel_start, "ax", %progbits
  .global keel_cm_reset
  .type keel_cm_reset, %function
keel_cm_reset:
  movs r0, #KERNEL_BASEPRI
  msr basepri, r0
  ldr r0, =_sdata
  ldr r1, =_sdata_load
  ldr r2, =_edata
  subs r2, r2, r0
  bl memcpy
  ldr r0, =_sbss
  movs r1, #0
  ldr r2, =_ebss
  subs r2, r2, r0
  bl memset
  ldr r0, =SCB_CCR
  ldr r1, [r0]
  orr r1, r1, #(1 << 4)        // CCR.DIV_0_TRP: a division by zero faults instead of giving 0
  str r1, [r0]
  mov r1, #(7 << 16)           // SHCSR: MemManage, BusFault, UsageFault enabled. It resets to 0 (nothing enabled,
                               // pending or active), so it need not be read first.
  str r1, [r0, #0x10]
  dsb
  isb
  bl keel_board_main
  .size keel_cm_reset, . - keel_cm_reset
