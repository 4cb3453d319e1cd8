// SPDX-License-Identifier: Apache-2.0
// Upcall latency probes (see main.c).
#include "bench_abi.h"

  .option arch, +zicsr

// The alarm upcall. Its first instruction reads rdinstret: that value is the instant the upcall starts.
  .section .text.bench_upcall_entry, "ax", @progbits
  .globl bench_upcall_entry
  .type bench_upcall_entry, @function
  .balign 4
bench_upcall_entry:
  csrr t0, instret
  la t1, bench_upcall_stamp
  sw t0, 0(t1)
  li t0, 1
  la t1, bench_upcall_fired
  sw t0, 0(t1)
  ret
  .size bench_upcall_entry, . - bench_upcall_entry
