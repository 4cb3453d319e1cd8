// SPDX-License-Identifier: Apache-2.0
// The probe app: what cannot be measured from inside a process, run once normally and once under QEMU's
// one-instruction-per-block execution trace (bench/run-bench reads the trace against the kernel's symbols).
//   boot       entry.S prints rdinstret of the process's first instruction (low-level debug line)
//   facts      the counter facts of facts.S, with the time CSR read at 1000 different instants
//   profile    each single-call loop of common/loops.S runs twice, so the trace holds a steady-state call of each
//   irq_user   the alarm fires while this process spins in user mode, once on each phase of the CLINT tick
//              (common/arm_phased.S): the trace shows each trap and the instructions from it to the CLINT
//              driver's handler
//   irq_idle   the alarm fires while this process waits in yield: the kernel is asleep in wfi, and the trace shows
//              the wake-up path to the handler and on to the upcall
// Lines: `bench: probe_<part> ...`, with the alarm expirations (ticks) the trace analysis checks against.
#include <stdint.h>
#include <stdio.h>

#include "bench.h"
#include "keel/alarm.h"
#include "keel/calls.h"
#include "keel/console.h"

enum {
  kAlarmLead = 50,  // ticks: the kernel is long done with the set-alarm call (and asleep) by then
  kSpinLead = 20,   // ticks: back in user mode well before the alarm, without spinning long
  kPhases = 100,
};

static uint8_t allow_buffer[16];
static volatile uint8_t yield_flag;
static volatile uint32_t upcalls;
static uint32_t expirations[kPhases];

static void count_upcall(int a0, int a1, int a2, void* appdata) {
  (void)a0;
  (void)a1;
  (void)a2;
  (void)appdata;
  upcalls = upcalls + 1;
}

uint32_t bench_arm_phased(uint32_t phase, uint32_t reference, uint32_t dt);
uint32_t bench_facts_consecutive(void);
uint32_t bench_facts_loop(void);
void bench_facts_time(uint32_t out[2]);

static void check_facts(void) {
  uint32_t time_mismatches = 0;
  for (uint32_t i = 0; i < 1000; ++i) {
    uint32_t sample[2];
    bench_facts_time(sample);
    if (sample[0] != (sample[1] - 1) / 100) ++time_mismatches;
    // Move the next sample's phase against the 100-instruction tick by a varying amount.
    for (volatile uint32_t spin = 0; spin < i % 7; ++spin) {
    }
  }
  bench_line("probe_facts", "consecutive=%lu loop=%lu time_mismatches=%lu", (unsigned long)bench_facts_consecutive(),
             (unsigned long)bench_facts_loop(), (unsigned long)time_mismatches);
}

static uint32_t arm_alarm(void) {
  uint32_t const now = bench_time();
  uint32_t expiration = 0;
  keel_status const status = keel_alarm_set_absolute(now, kAlarmLead, &expiration);
  if (status != KEEL_OK) bench_fail("alarm_set_absolute", status);
  return expiration;
}

int main(void) {
  keel_status status = keel_subscribe(KEEL_DRIVER_CONSOLE, KEEL_CONSOLE_UPCALL_WRITE_DONE, count_upcall, NULL);
  if (status != KEEL_OK) bench_fail("subscribe", status);
  status = keel_allow_ro(KEEL_DRIVER_CONSOLE, KEEL_CONSOLE_ALLOW_RO_WRITE, allow_buffer, sizeof allow_buffer);
  if (status != KEEL_OK) bench_fail("allow_ro", status);

  check_facts();
  bench_fresh_timeslice();
  (void)bench_null_command(2, 0, 0);
  (void)bench_console_command(2, 0, 0);
  (void)bench_memop(2, 0, 0);
  (void)bench_yield_no_wait(2, (uint32_t)(uintptr_t)&yield_flag, 0);
  (void)bench_subscribe(2, (uint32_t)(uintptr_t)&count_upcall, 0);
  (void)bench_allow_ro(2, (uint32_t)(uintptr_t)allow_buffer, sizeof allow_buffer);
  (void)keel_subscribe(KEEL_DRIVER_CONSOLE, KEEL_CONSOLE_UPCALL_WRITE_DONE, NULL, NULL);
  (void)keel_allow_ro(KEEL_DRIVER_CONSOLE, KEEL_CONSOLE_ALLOW_RO_WRITE, NULL, 0);
  bench_line("probe_profile", "done=1");

  // The alarm interrupt arrives while the process runs: spin on the time CSR (no system call) until past it, then
  // collect the event. Once per tick phase, since the kernel's path can depend on where in a tick it runs.
  bench_fresh_timeslice();
  for (uint32_t phase = 0; phase < kPhases; ++phase) {
    uint32_t const expiration = bench_arm_phased(phase, bench_time(), kSpinLead);
    while ((int32_t)(bench_time() - expiration) < 2) {
    }
    (void)keel_yield_wait_for(KEEL_DRIVER_ALARM, KEEL_ALARM_UPCALL_FIRED);
    expirations[phase] = expiration;
  }
  printf("bench: probe_irq_user expirations=");
  for (uint32_t phase = 0; phase < kPhases; ++phase) {
    printf("%s%lu", phase == 0 ? "" : ",", (unsigned long)expirations[phase]);
  }
  printf("\n");

  // The alarm interrupt arrives while the process waits and the kernel sleeps.
  status = keel_alarm_subscribe(count_upcall, NULL);
  if (status != KEEL_OK) bench_fail("alarm_subscribe", status);
  bench_fresh_timeslice();
  upcalls = 0;
  uint32_t const expiration = arm_alarm();
  while (upcalls == 0) keel_yield_wait();
  bench_line("probe_irq_idle", "expiration=%lu", (unsigned long)expiration);
  return 0;
}
