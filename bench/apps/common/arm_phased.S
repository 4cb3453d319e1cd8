// SPDX-License-Identifier: Apache-2.0
// Arming the alarm on a chosen phase of the 100-instruction CLINT tick (used by the upcall and probe apps).
//
// QEMU 7.2 raises the timer interrupt (T - mtime) * 100 instructions after the last mtimecmp write, i.e. at
// T * 100 + (the write's instant mod 100), not at T * 100. Arming once per phase 0..99 puts that write on every
// residue once, so a figure that depends on it can be taken at each phase (and its minimum is the one with the
// interrupt exactly at T * 100).
#include "bench_abi.h"

  .option arch, +zicsr

// uint32_t bench_arm_phased(uint32_t phase, uint32_t reference, uint32_t dt): command(alarm, set absolute,
// reference, dt), issued at an instant whose instruction count is congruent to phase + c modulo 100, for a constant
// c: the counter is read, then (phase + 100 - count mod 100) mod 100 nops run (a jump into a sled), then a fixed
// sequence up to the ecall. Every path through here has the same length apart from the nops, so the kernel's
// mtimecmp write lands on residue phase + c' of the 100-instruction tick. Returns the expiration.
  .section .text.bench_arm_phased, "ax", @progbits
  .globl bench_arm_phased
  .type bench_arm_phased, @function
  .balign 4
bench_arm_phased:
  .option push
  .option norvc
  csrr t0, instret
  li t1, 100
  remu t0, t0, t1
  sub t0, t1, t0
  add t0, t0, a0
  remu t0, t0, t1
  li t1, 128
  sub t1, t1, t0
  slli t1, t1, 2
  la t2, 1f
  add t2, t2, t1
  jr t2
1:
  .rept 128
  nop
  .endr
  mv a3, a2
  mv a2, a1
  li a0, BENCH_DRIVER_ALARM
  li a1, 6  // set absolute
  li a4, BENCH_CLASS_COMMAND
  ecall
  mv a0, a1
  ret
  .option pop
  .size bench_arm_phased, . - bench_arm_phased
