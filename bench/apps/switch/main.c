// SPDX-License-Identifier: Apache-2.0
// Context switch. The same app runs in a pair with its twin in the next slot (bench_switch_a + bench_switch_b) and
// alone with an idle companion (bench_switch_a + bench_switch_idle); bench/run-bench boots both configurations.
//
// Keel switches processes only when the running one blocks or the kernel is entered by an interrupt, and no system
// call of one process can make another runnable, so the switch is driven by an event each process sets up for
// itself: a one-byte console write. The UART raises its transmitter-empty interrupt the moment the byte is written,
// so at the end of the write command the kernel leaves the process, services the interrupt (which queues the
// write-done upcall) and schedules round robin: the other process in a pair (resuming right after its own write
// command), the same one alone. The process then yield-waits, which runs the already queued upcall at once.
// run-bench takes the switch itself from an execution trace of this loop, and the per-iteration times from here.
//
// Prints `bench: switch_<id> iterations=<K> window=<instructions> min=<m> max=<M>`: the K iterations after kWarmup
// are timed one by one and must all take the same number of instructions (min = max), which also proves that the
// pair alternated strictly.
#include <stdint.h>
#include <stdio.h>

#include "bench.h"
#include "keel/calls.h"
#include "keel/console.h"

#ifndef BENCH_SWITCH_ID
#define BENCH_SWITCH_ID "a"
#endif

// Iterations before and after the timed ones, so that in a pair both processes are in their loops throughout.
#define BENCH_SWITCH_MARGIN (BENCH_OPS < 64 ? BENCH_OPS : 64)
enum { kWarmup = BENCH_SWITCH_MARGIN, kTail = BENCH_SWITCH_MARGIN, kMaxIterations = 1024 };

void bench_switch_loop(uint32_t n, uint32_t* stamps);
void bench_switch_upcall(int a0, int a1, int a2, void* appdata);

static uint32_t stamps[kWarmup + kMaxIterations + kTail + 1];
static const char dot = '.';

int main(void) {
  uint32_t const measured = BENCH_OPS < kMaxIterations ? BENCH_OPS : kMaxIterations;
  uint32_t const total = kWarmup + measured + kTail;
  keel_status status = keel_subscribe(KEEL_DRIVER_CONSOLE, KEEL_CONSOLE_UPCALL_WRITE_DONE, bench_switch_upcall, NULL);
  if (status != KEEL_OK) bench_fail("subscribe", status);
  status = keel_allow_ro(KEEL_DRIVER_CONSOLE, KEEL_CONSOLE_ALLOW_RO_WRITE, &dot, 1);
  if (status != KEEL_OK) bench_fail("allow_ro", status);

  bench_fresh_timeslice();
  bench_switch_loop(total, stamps);

  (void)keel_subscribe(KEEL_DRIVER_CONSOLE, KEEL_CONSOLE_UPCALL_WRITE_DONE, NULL, NULL);
  (void)keel_allow_ro(KEEL_DRIVER_CONSOLE, KEEL_CONSOLE_ALLOW_RO_WRITE, NULL, 0);
  uint32_t min = UINT32_MAX;
  uint32_t max = 0;
  for (uint32_t i = kWarmup; i < kWarmup + measured; ++i) {
    uint32_t const took = stamps[i + 1] - stamps[i];
    if (took < min) min = took;
    if (took > max) max = took;
  }
  uint32_t const window = stamps[kWarmup + measured] - stamps[kWarmup];
  printf("\n");
  bench_line("switch_" BENCH_SWITCH_ID, "iterations=%lu window=%lu min=%lu max=%lu", (unsigned long)measured,
             (unsigned long)window, (unsigned long)min, (unsigned long)max);
  return 0;
}
