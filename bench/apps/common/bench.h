// SPDX-License-Identifier: Apache-2.0
// What every benchmark app shares: the assembly loops (loops.S), a fresh timeslice before each measurement, and the
// one output format bench/run-bench parses.
//
// Output: one line per measurement, `bench: <figure> <key>=<value> ...`, values in decimal. A loop figure prints
//   bench: <figure> ops=<n> loop=<instructions> empty=<instructions>
// twice, for n and 2n operations, so the harness can check that the cost is exactly linear (no timer interrupt or
// other disturbance fell into a loop).
#ifndef BENCH_H
#define BENCH_H

#include <stdint.h>

#include "bench_abi.h"

#ifndef BENCH_OPS
#define BENCH_OPS 2000
#endif

// A loop of loops.S: n iterations with operands p and q; returns the instructions retired (rdinstret difference).
typedef uint32_t (*bench_loop_fn)(uint32_t n, uint32_t p, uint32_t q);

#define BENCH_DECLARE_LOOP(name)                                    \
  uint32_t bench_##name(uint32_t n, uint32_t p, uint32_t q);        \
  uint32_t bench_##name##_empty(uint32_t n, uint32_t p, uint32_t q)

BENCH_DECLARE_LOOP(null_command);
BENCH_DECLARE_LOOP(console_command);
BENCH_DECLARE_LOOP(memop);
BENCH_DECLARE_LOOP(yield_no_wait);
BENCH_DECLARE_LOOP(subscribe);
BENCH_DECLARE_LOOP(allow_ro);

// The retired-instruction counter (low 32 bits): under -icount shift=0 it is the guest's virtual time in ns.
static inline uint32_t bench_instret(void) {
  uint32_t value;
  __asm__ volatile(".option push\n.option arch, +zicsr\ncsrr %0, instret\n.option pop" : "=r"(value));
  return value;
}

// mtime, low 32 bits (the CLINT's 10 MHz tick), as the process reads it through the time CSR.
static inline uint32_t bench_time(void) {
  uint32_t value;
  __asm__ volatile(".option push\n.option arch, +zicsr\ncsrr %0, time\n.option pop" : "=r"(value));
  return value;
}

// Waits for a one-tick alarm, so that a measurement starts just after the kernel ran. The measuring apps run alone,
// and a process alone runs without a scheduler tick (kernel/kernel.h), so nothing interrupts a loop; the harness
// still checks that the 2n loop costs exactly twice the n loop.
void bench_fresh_timeslice(void);

// Measures `loop` against `empty` for n and 2n operations (each in a fresh timeslice) and prints both lines.
void bench_measure(const char* figure, bench_loop_fn loop, bench_loop_fn empty, uint32_t n, uint32_t p, uint32_t q);

// Prints `bench: <figure> <text>` with the line written in one console write.
void bench_line(const char* figure, const char* format, ...) __attribute__((format(printf, 2, 3)));

// Prints `bench: failed <what> <status>` and exits with status 1.
_Noreturn void bench_fail(const char* what, int status);

#endif  // BENCH_H
