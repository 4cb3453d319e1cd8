// SPDX-License-Identifier: Apache-2.0
// The single-call figures: null command, command to an existing driver, memop, yield-no-wait, subscribe and
// read-only allow, each as a loop of BENCH_OPS calls against the same loop without the ecall (common/loops.S).
//
// Calls that allocate (the console grant) are made once before measuring, so every measured call takes the same
// path: the steady state an app sees after its first call to a driver.
#include <stdint.h>

#include "bench.h"
#include "keel/calls.h"
#include "keel/console.h"

static uint8_t allow_buffer[16];
static volatile uint8_t yield_flag;

static void unused_upcall(int a0, int a1, int a2, void* appdata) {
  (void)a0;
  (void)a1;
  (void)a2;
  (void)appdata;
}

int main(void) {
  uint32_t const n = BENCH_OPS;
  uint32_t const upcall = (uint32_t)(uintptr_t)&unused_upcall;
  uint32_t const buffer = (uint32_t)(uintptr_t)allow_buffer;

  keel_status status = keel_subscribe(KEEL_DRIVER_CONSOLE, KEEL_CONSOLE_UPCALL_WRITE_DONE, unused_upcall, NULL);
  if (status != KEEL_OK) bench_fail("subscribe", status);
  status = keel_allow_ro(KEEL_DRIVER_CONSOLE, KEEL_CONSOLE_ALLOW_RO_WRITE, allow_buffer, sizeof allow_buffer);
  if (status != KEEL_OK) bench_fail("allow_ro", status);

  bench_measure("null_command", bench_null_command, bench_null_command_empty, n, 0, 0);
  bench_measure("console_command", bench_console_command, bench_console_command_empty, n, 0, 0);
  bench_measure("memop", bench_memop, bench_memop_empty, n, 0, 0);
  bench_measure("yield_no_wait", bench_yield_no_wait, bench_yield_no_wait_empty, n, (uint32_t)(uintptr_t)&yield_flag,
                0);
  bench_measure("subscribe", bench_subscribe, bench_subscribe_empty, n, upcall, 0);
  bench_measure("allow_ro", bench_allow_ro, bench_allow_ro_empty, n, buffer, sizeof allow_buffer);

  // Leave the console as the runtime expects it: no upcall, no buffer (printf uses yield-wait-for and allows anew).
  (void)keel_subscribe(KEEL_DRIVER_CONSOLE, KEEL_CONSOLE_UPCALL_WRITE_DONE, NULL, NULL);
  (void)keel_allow_ro(KEEL_DRIVER_CONSOLE, KEEL_CONSOLE_ALLOW_RO_WRITE, NULL, 0);
  bench_line("done", "app=syscalls");
  return 0;
}
