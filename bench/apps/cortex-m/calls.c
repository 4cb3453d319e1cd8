// SPDX-License-Identifier: Apache-2.0
// Cortex-M benchmark: single system calls, each issued from a function of its own so that the execution trace
// (bench/trace-bench) can tell them apart by the svc's address. No process can read an instruction counter on
// ARMv7-M under QEMU (it models no DWT), so the figures come from the trace: kernel instructions between the svc
// and the process's next instruction.
#include <stdint.h>

#include "keel/syscall.h"

#define BENCH_CALLS 64

__attribute__((noinline)) void bench_null_command(void) {
  for (int i = 0; i < BENCH_CALLS; ++i) { (void)keel_syscall(2, 0xBE0C, 0, 0, 0); }
}

__attribute__((noinline)) void bench_console_command(void) {
  for (int i = 0; i < BENCH_CALLS; ++i) { (void)keel_syscall(2, 0x1, 0, 0, 0); }
}

__attribute__((noinline)) void bench_memop(void) {
  for (int i = 0; i < BENCH_CALLS; ++i) { (void)keel_syscall(5, 2, 0, 0, 0); }
}

static volatile uint8_t upcall_ran;

__attribute__((noinline)) void bench_yield_no_wait(void) {
  for (int i = 0; i < BENCH_CALLS; ++i) {
    (void)keel_syscall_yield(0, (uint32_t)(uintptr_t)&upcall_ran, 0);
  }
}

int main(void) {
  bench_null_command();
  bench_console_command();
  bench_memop();
  bench_yield_no_wait();
  return 0;
}
