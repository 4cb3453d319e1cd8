// SPDX-License-Identifier: Apache-2.0
// Upcall latency: from the alarm's hardware interrupt to the first instruction of the process's upcall.
//
// The app arms its alarm for an absolute tick T and waits in yield (the kernel sleeps in wfi); the upcall's first
// instruction reads rdinstret = U. The CLINT ticks once per 100 instructions, so mtime reaches T at instruction
// T * 100, but QEMU 7.2 raises the interrupt a little later: it schedules it (T - mtime) * 100 ns after the last
// mtimecmp write, so it fires at T * 100 + (that write's instant mod 100). The app therefore arms the alarm 100
// times, with the arming call placed on each residue of the 100-instruction tick in turn (bench_arm_phased), which
// puts the kernel's write on every residue once: U - T*100 then takes the 100 values L, L+1, ..., L+99 in some
// order, and L (the write on a tick boundary, the interrupt exactly at T * 100) less the reading instruction itself
// is the latency. bench/run-bench checks exactly that.
//
// Prints `bench: upcall_latency phases=100 values=<U - T*100 for each phase>`.
#include <stdint.h>
#include <stdio.h>

#include "bench.h"
#include "keel/alarm.h"
#include "keel/calls.h"

enum { kPhases = 100, kLead = 50 };

volatile uint32_t bench_upcall_stamp;
volatile uint32_t bench_upcall_fired;

void bench_upcall_entry(int a0, int a1, int a2, void* appdata);
uint32_t bench_arm_phased(uint32_t phase, uint32_t reference, uint32_t dt);

static uint32_t latencies[kPhases];

// Arms the alarm kLead ticks ahead with the kernel's mtimecmp write on tick residue `phase` (+ a constant), waits in
// yield for the upcall, and returns U - T*100.
static uint32_t wait_for_alarm(uint32_t phase) {
  bench_upcall_fired = 0;
  uint32_t const expiration = bench_arm_phased(phase, bench_time(), kLead);
  while (bench_upcall_fired == 0) keel_yield_wait();
  return bench_upcall_stamp - expiration * 100U;
}

int main(void) {
  keel_status const status = keel_alarm_subscribe(bench_upcall_entry, NULL);
  if (status != KEEL_OK) bench_fail("alarm_subscribe", status);
  // One round first: the first alarm after subscribing takes a slightly different path through the kernel.
  (void)wait_for_alarm(0);
  for (uint32_t phase = 0; phase < kPhases; ++phase) latencies[phase] = wait_for_alarm(phase);
  printf("bench: upcall_latency phases=%d values=", kPhases);
  for (uint32_t phase = 0; phase < kPhases; ++phase) {
    printf("%s%lu", phase == 0 ? "" : ",", (unsigned long)latencies[phase]);
  }
  printf("\n");
  return 0;
}
