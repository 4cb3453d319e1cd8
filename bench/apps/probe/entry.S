// SPDX-License-Identifier: Apache-2.0
// The probe app's entry point (the link sets it with --entry, so the kernel starts the process here, not at crt0's
// _start). Its first instruction reads the retired-instruction counter: under -icount that is the exact number of
// instructions from reset to the first instruction of the first process. Low-level debug prints it (a command needs
// no RAM, which crt0 has not made room for yet), then crt0 runs as usual with the four start-up arguments intact
// (every system call but yield leaves t0-t6 alone).
#include "bench_abi.h"

  .option arch, +zicsr

  .section .text.bench_probe_entry, "ax", @progbits
  .globl bench_probe_entry
  .type bench_probe_entry, @function
bench_probe_entry:
  csrr t4, instret
  csrr t5, instreth
  mv t0, a0
  mv t1, a1
  mv t2, a2
  mv t3, a3
  li a0, BENCH_DRIVER_LOW_LEVEL_DEBUG
  li a1, 3  // prints 0x<a> 0x<b>
  mv a2, t4
  mv a3, t5
  li a4, BENCH_CLASS_COMMAND
  ecall
  mv a0, t0
  mv a1, t1
  mv a2, t2
  mv a3, t3
  j _start
  .size bench_probe_entry, . - bench_probe_entry
