// SPDX-License-Identifier: Apache-2.0
// The context-switch loop (see main.c): per iteration, a one-byte console write (its completion is an event for this
// process, and the UART's transmitter-empty interrupt is pending as soon as the byte is written) and a yield-wait
// that runs the write-done upcall. stamps[i] is rdinstret at the top of iteration i, stamps[n] after the last.
#include "bench_abi.h"

  .option arch, +zicsr

  .section .text.bench_switch_upcall, "ax", @progbits
  .globl bench_switch_upcall
  .type bench_switch_upcall, @function
  .balign 4
bench_switch_upcall:
  ret
  .size bench_switch_upcall, . - bench_switch_upcall

// void bench_switch_loop(uint32_t n, uint32_t* stamps)
  .section .text.bench_switch_loop, "ax", @progbits
  .globl bench_switch_loop
  .type bench_switch_loop, @function
  .balign 4
bench_switch_loop:
  addi sp, sp, -16
  sw ra, 12(sp)
  sw s0, 0(sp)
  sw s1, 4(sp)
  mv s0, a0
  mv s1, a1
1:
  csrr t0, instret
  sw t0, 0(s1)
  addi s1, s1, 4
  li a0, BENCH_DRIVER_CONSOLE
  li a1, 1  // write
  li a2, 1  // one byte of the allowed buffer
  li a3, 0
  li a4, BENCH_CLASS_COMMAND
  ecall
  li a0, 1  // yield-wait
  li a1, 0
  li a2, 0
  li a4, BENCH_CLASS_YIELD
  ecall
  addi s0, s0, -1
  bnez s0, 1b
  csrr t0, instret
  sw t0, 0(s1)
  lw s0, 0(sp)
  lw s1, 4(sp)
  lw ra, 12(sp)
  addi sp, sp, 16
  ret
  .size bench_switch_loop, . - bench_switch_loop
