// SPDX-License-Identifier: Apache-2.0
// The frame every timed assembly loop shares (common/loops.S, console/write_loop.S), as assembler macros: a
// function uint32_t bench_<name>(uint32_t n, uint32_t p, uint32_t q) that runs its body n times and returns the
// instructions retired from just before the first iteration to just after the last (rdinstret difference, modulo
// 2^32). Between BENCH_LOOP_BEGIN and BENCH_LOOP_END the body finds p in s2 and q in s3; the loop state lives in
// s0-s3, which every system call preserves (a yield may run an upcall, an ordinary C function that keeps them too).
#ifndef BENCH_LOOP_FRAME_H
#define BENCH_LOOP_FRAME_H

.macro BENCH_LOOP_BEGIN name
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
.Lbench_loop_\name:
.endm

.macro BENCH_LOOP_END name
  addi s1, s1, -1
  bnez s1, .Lbench_loop_\name
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

// An ecall in a loop body, left out of the empty twin (with_ecall = 0).
.macro BENCH_ECALL with_ecall
  .if \with_ecall
  ecall
  .endif
.endm

#endif  // BENCH_LOOP_FRAME_H
