// SPDX-License-Identifier: Apache-2.0
// ARMv7-M vector table and reset entry. The table sits at the start of the image (the board's layout.ld puts
// .vectors at its flash base, where VTOR points after reset). Reset sets BASEPRI (the kernel runs with interrupts
// masked), copies .data and zeroes .bss (memcpy, memset: they use no static data), turns on the MemManage, BusFault
// and UsageFault exceptions so that each fault is reported as what it is, and calls keel_board_main.
//
// TRUSTED: assembly.

  .syntax unified
  .thumb

  .equ KERNEL_BASEPRI, 0x80
  .equ NVIC_IPR0, 0xE000E400
  .equ NVIC_IPR_WORDS, 8                          // 32 interrupts, a priority byte each
  .equ KERNEL_INTERRUPT_PRIORITIES, 0x80808080    // KERNEL_BASEPRI in each byte
  .equ SCB_SHCSR, 0xE000ED24
  .equ SHCSR_FAULTS, (1 << 16) | (1 << 17) | (1 << 18)  // MemManage, BusFault, UsageFault enabled
  .equ SCB_CCR, 0xE000ED14
  .equ CCR_DIV_0_TRP, 1 << 4
  .equ KEEL_IRQS, 32

  .section .vectors, "a", %progbits
  .global keel_vector_table
keel_vector_table:
  .word _kernel_stack_top
  .word keel_cm_reset
  .word keel_cm_fault_handler   // NMI
  .word keel_cm_fault_handler   // HardFault
  .word keel_cm_fault_handler   // MemManage
  .word keel_cm_fault_handler   // BusFault
  .word keel_cm_fault_handler   // UsageFault
  .word 0, 0, 0, 0
  .word keel_cm_svc_handler     // SVCall
  .word keel_cm_fault_handler   // DebugMonitor
  .word 0
  .word keel_cm_interrupt_handler  // PendSV
  .word keel_cm_interrupt_handler  // SysTick
  .rept KEEL_IRQS
  .word keel_cm_interrupt_handler
  .endr

  .section .text.keel_start, "ax", %progbits
  .global keel_cm_reset
  .type keel_cm_reset, %function
  .thumb_func
keel_cm_reset:
  movs r0, #KERNEL_BASEPRI
  msr basepri, r0
  // Every external interrupt at the priority BASEPRI masks, once, here: no other code writes an interrupt priority
  // (one left at its reset value 0, or set below 0x80, would not be masked and could preempt the kernel).
  ldr r0, =NVIC_IPR0
  ldr r1, =KERNEL_INTERRUPT_PRIORITIES
  movs r2, #NVIC_IPR_WORDS
1:
  str r1, [r0], #4
  subs r2, r2, #1
  bne 1b
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
  ldr r0, =SCB_SHCSR
  ldr r1, [r0]
  orr r1, r1, #SHCSR_FAULTS
  str r1, [r0]
  ldr r0, =SCB_CCR
  ldr r1, [r0]
  orr r1, r1, #CCR_DIV_0_TRP   // a division by zero faults instead of giving 0
  str r1, [r0]
  dsb
  isb
  bl keel_board_main
  .size keel_cm_reset, . - keel_cm_reset
