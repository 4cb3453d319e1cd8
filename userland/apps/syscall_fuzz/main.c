// SPDX-License-Identifier: Apache-2.0
// syscall_fuzz: SYSCALL_FUZZ_CALLS random system calls of every class, beside another process (fuzz_companion),
// each answer checked against the ABI (classes.c) and every call made with random values in all registers, which
// must come back as the ABI promises (call.c). Arguments are seeded-random and favour the values where checks go
// wrong (values.c). It never exits or restarts through the calls, never asks for a fault and never waits for what
// cannot come (classes.c says how), so the host test (tests/qemu/syscall_fuzz.py) can hold it to this: no fault, no
// restart, no kernel panic, the companion's numbered lines complete and in order, and this at the end:
//   syscall_fuzz: done: N calls survived (seed 0x...), U upcalls, V violations
// followed by one line per violation (the first few), then exit with code 0 if V is 0, 1 otherwise.
// The seed: one the host wrote into the TBF, else SYSCALL_FUZZ_SEED, else the RNG's (or, without one, the time's).
// Progress goes through low-level debug, which needs no buffer: "prints 0xf0220000 0x<calls>" every 100,000 calls.
#include <stdio.h>
#include <string.h>

#include "fuzz.h"
#include "keel/alarm.h"
#include "keel/calls.h"
#include "keel/console.h"
#include "keel/rng.h"
#include "keel/runtime.h"

#define REPORTS 8
#define PROGRESS_EVERY 100000u
#define PROGRESS_MARK 0xF0220000u

fuzz_state fuzz;
uint8_t fuzz_scratch[FUZZ_SCRATCH_SIZE] __attribute__((aligned(8)));

static bool present[FUZZ_KNOWN_DRIVERS];
static char reports[REPORTS][200];
static volatile uint32_t stale_appdata_upcalls;  // upcalls delivered with an appdata no live subscription has

bool fuzz_driver_exists(uint32_t driver) {
  for (int i = 0; i < FUZZ_KNOWN_DRIVERS; ++i) {
    if (fuzz_known_drivers[i] == driver) { return present[i]; }
  }
  return false;
}

void fuzz_violation(char const* what, uint32_t class_number, uint32_t const args[4], keel_syscall_return r) {
  if (fuzz.violations < REPORTS) {
    snprintf(reports[fuzz.violations], sizeof reports[0],
             "syscall_fuzz: VIOLATION at call %lu: class %lu (0x%lx, 0x%lx, 0x%lx, 0x%lx) -> (%lu, 0x%lx, 0x%lx, 0x%lx): "
             "%s\n",
             (unsigned long)fuzz.calls, (unsigned long)class_number, (unsigned long)args[0], (unsigned long)args[1],
             (unsigned long)args[2], (unsigned long)args[3], (unsigned long)r.variant, (unsigned long)r.r1,
             (unsigned long)r.r2, (unsigned long)r.r3, what);
  }
  ++fuzz.violations;
}

// The one function the fuzzer subscribes: it runs only inside a yield, with the appdata of the subscription.
void fuzz_upcall(int a0, int a1, int a2, void* appdata) {
  (void)a0;
  (void)a1;
  (void)a2;
  ++fuzz.upcalls;
  if (!fuzz_handler_appdata_live((uint32_t)(uintptr_t)appdata)) { ++stale_appdata_upcalls; }
}

// A line on the console once our own fuzzing may have left a write in flight (BUSY: wait and try again) or stale
// write-done events queued (a subscribe drops them).
static void say(char const* text) {
  for (int attempt = 0; attempt < 100; ++attempt) {
    (void)keel_syscall(KEEL_CLASS_SUBSCRIBE, KEEL_DRIVER_CONSOLE, KEEL_CONSOLE_UPCALL_WRITE_DONE, 0, 0);
    if (keel_console_write(text, strlen(text)) != KEEL_ERR_BUSY) { return; }
    (void)keel_delay_ms(5);
  }
}

// A seed the host may write into our TBF (tests/qemu/syscall_fuzz.py --seed): the word after the two marker words,
// in flash. Under QEMU's -icount every run of one image is the same, and a board without an RNG has nothing else.
static const volatile uint32_t host_seed[3] __attribute__((used)) = {0x44454553u, 0x5A5A5546u, 0};  // "SEEDFUZZ"

static uint32_t choose_seed(void) {
  if (host_seed[2] != 0) { return host_seed[2]; }
  if (SYSCALL_FUZZ_SEED != 0) { return SYSCALL_FUZZ_SEED; }
  uint32_t seed = 0;
  if (keel_rng_fill(&seed, sizeof seed) == KEEL_OK && seed != 0) { return seed; }
  uint32_t now = 0;
  (void)keel_alarm_now(&now);  // no RNG on this board: the time at least differs from run to run
  return now ^ 0x5EED5EEDu;
}

static uint32_t answer(uint32_t op) {
  keel_syscall_return const r = fuzz_call(KEEL_CLASS_MEMOP, op, 0, 0, 0);
  return r.variant == KEEL_VARIANT_SUCCESS_U32 ? r.r1 : 0;
}

static void learn_memory(void) {
  keel_start_info const* info = keel_get_start_info();
  fuzz_memory* m = &fuzz.memory;
  m->mem_start = info->mem_start;
  m->mem_end = info->mem_start + info->mem_length;
  m->app_start = info->app_start;
  m->flash_start = answer(4);
  m->flash_end = answer(5);
  m->grant_start = answer(6);
  keel_syscall_return const r = fuzz_call(KEEL_CLASS_MEMOP, 1, 0, 0, 0);  // sbrk(0): the break now
  m->brk = r.r1;
  m->floor = m->brk;  // everything below is ours in use (stack, data, bss, heap)
  m->allowed_end = m->mem_start;
  // The layout puts the companion right after us (both boards place apps one after another), so just past our TBF
  // and our RAM block.
  m->other_flash = m->flash_end + 0x80;
  m->other_ram = m->mem_end + 0x100;
  for (int i = 0; i < FUZZ_KNOWN_DRIVERS; ++i) {
    present[i] = fuzz_call(KEEL_CLASS_COMMAND, fuzz_known_drivers[i], 0, 0, 0).variant >= KEEL_VARIANT_SUCCESS;
  }
}

static void one_call(void) {
  uint32_t const pick = fuzz_below(100);
  if (pick < 10) {
    fuzz_yield();
  } else if (pick < 28) {
    fuzz_subscribe();
  } else if (pick < 50) {
    fuzz_command();
  } else if (pick < 62) {
    fuzz_allow(KEEL_CLASS_ALLOW_RW);
  } else if (pick < 74) {
    fuzz_allow(KEEL_CLASS_ALLOW_RO);
  } else if (pick < 79) {
    fuzz_allow(KEEL_CLASS_ALLOW_USERSPACE_READABLE);
  } else if (pick < 96) {
    fuzz_memop();
  } else {
    fuzz_exit();
  }
}

int main(void) {
  char line[240];
  uint32_t const seed = choose_seed();
  snprintf(line, sizeof line, "syscall_fuzz: %lu calls, seed 0x%08lx\n", (unsigned long)SYSCALL_FUZZ_CALLS,
           (unsigned long)seed);
  say(line);
  fuzz_seed(seed);
  learn_memory();

  uint32_t next_progress = PROGRESS_EVERY;
  while (fuzz.calls < SYSCALL_FUZZ_CALLS && fuzz.violations < REPORTS) {
    one_call();
    if (stale_appdata_upcalls != 0) {
      uint32_t const none[4] = {0, 0, 0, 0};
      keel_syscall_return const r = {stale_appdata_upcalls, 0, 0, 0};
      fuzz_violation("an upcall came with the appdata of no live subscription", KEEL_CLASS_YIELD, none, r);
      stale_appdata_upcalls = 0;
    }
    if (fuzz.calls >= next_progress) {
      (void)keel_syscall(KEEL_CLASS_COMMAND, 8, 3, PROGRESS_MARK, fuzz.calls);
      next_progress += PROGRESS_EVERY;
    }
  }

  snprintf(line, sizeof line,
           "syscall_fuzz: done: %lu calls survived (seed 0x%08lx), %lu upcalls, %lu violations\n",
           (unsigned long)fuzz.calls, (unsigned long)seed, (unsigned long)fuzz.upcalls,
           (unsigned long)fuzz.violations);
  say(line);
  snprintf(line, sizeof line,
           "syscall_fuzz: per class: yield %lu, subscribe %lu, command %lu, allow-rw %lu, allow-ro %lu, memop %lu, "
           "exit %lu, allow-ur %lu\n",
           (unsigned long)fuzz.per_class[0], (unsigned long)fuzz.per_class[1], (unsigned long)fuzz.per_class[2],
           (unsigned long)fuzz.per_class[3], (unsigned long)fuzz.per_class[4], (unsigned long)fuzz.per_class[5],
           (unsigned long)fuzz.per_class[6], (unsigned long)fuzz.per_class[7]);
  say(line);
  for (uint32_t i = 0; i < fuzz.violations && i < REPORTS; ++i) { say(reports[i]); }
  return fuzz.violations == 0 ? 0 : 1;
}
