// SPDX-License-Identifier: Apache-2.0
// uint32_t bench_console_write(uint32_t n, uint32_t buffer, uint32_t length) and its empty twin: n synchronous
// console writes of `length` bytes, each exactly what libkeel's keel_console_write does for a buffer the driver
// takes whole: read-only allow, write command, yield-wait-for write-done, allow revoked. Returns the instructions
// retired (see common/loops.S for the conventions).
#include "bench_abi.h"

  .option arch, +zicsr

.macro CONSOLE_LOOP name, with_ecall
  .section .text.bench_\name, "ax", @progbits
  .globl bench_\name
  .type bench_\name, @function
  .balign 4
bench_\name:
  addi sp, sp, -32
  sw ra, 28(sp)
  sw s0, 0(sp)
  sw s1, 4(sp)
  sw s2, 8(sp)
  sw s3, 12(sp)
  mv s1, a0
  mv s2, a1
  mv s3, a2
  csrr s0, instret
1:
  li a0, BENCH_DRIVER_CONSOLE
  li a1, 1
  mv a2, s2
  mv a3, s3
  li a4, BENCH_CLASS_ALLOW_RO
  .if \with_ecall
  ecall
  .endif
  li a0, BENCH_DRIVER_CONSOLE
  li a1, 1  // write
  mv a2, s3
  li a3, 0
  li a4, BENCH_CLASS_COMMAND
  .if \with_ecall
  ecall
  .endif
  li a0, 2  // yield-wait-for (console, write-done)
  li a1, BENCH_DRIVER_CONSOLE
  li a2, 1
  li a4, BENCH_CLASS_YIELD
  .if \with_ecall
  ecall
  .endif
  li a0, BENCH_DRIVER_CONSOLE
  li a1, 1
  li a2, 0
  li a3, 0
  li a4, BENCH_CLASS_ALLOW_RO
  .if \with_ecall
  ecall
  .endif
  addi s1, s1, -1
  bnez s1, 1b
  csrr a0, instret
  sub a0, a0, s0
  lw s0, 0(sp)
  lw s1, 4(sp)
  lw s2, 8(sp)
  lw s3, 12(sp)
  lw ra, 28(sp)
  addi sp, sp, 32
  ret
  .size bench_\name, . - bench_\name
.endm

CONSOLE_LOOP console_write, 1
CONSOLE_LOOP console_write_empty, 0
