// SPDX-License-Identifier: Apache-2.0
// The counter facts every figure rests on, checked on each run (run-bench fails the checks if one breaks):
//   bench_facts_consecutive: two back-to-back rdinstret differ by exactly 1;
//   bench_facts_loop:        rdinstret around `li` + 1000 iterations of a 2-instruction loop differ by 2002;
//   bench_facts_time(out):   rdtime then rdinstret: out[0] = mtime, out[1] = the counter one instruction later.
//                            Both reads see guest time including the reading instruction itself, so
//                            mtime = (counter - 1) / 100 when the CLINT ticks once per 100 instructions from reset.
  .option arch, +zicsr

  .section .text.bench_facts, "ax", @progbits
  .globl bench_facts_consecutive
  .type bench_facts_consecutive, @function
bench_facts_consecutive:
  csrr a1, instret
  csrr a0, instret
  sub a0, a0, a1
  ret
  .size bench_facts_consecutive, . - bench_facts_consecutive

  .globl bench_facts_loop
  .type bench_facts_loop, @function
bench_facts_loop:
  csrr a1, instret
  li t0, 1000
1:
  addi t0, t0, -1
  bnez t0, 1b
  csrr a0, instret
  sub a0, a0, a1
  ret
  .size bench_facts_loop, . - bench_facts_loop

  .globl bench_facts_time
  .type bench_facts_time, @function
bench_facts_time:
  csrr t0, time
  csrr t1, instret
  sw t0, 0(a0)
  sw t1, 4(a0)
  ret
  .size bench_facts_time, . - bench_facts_time
