// SPDX-License-Identifier: Apache-2.0
// Cortex-M benchmark: two copies of this app alternate, as bench/apps/switch does on qemu-virt-rv32. Each issues a
// one-byte console write command; the UART's transmit interrupt ends the process's turn, so the kernel switches to
// the other copy, which resumes right after its own write command and yield-waits, running its queued write-done
// upcall. The trace gives the switch's path (bench/trace-bench).
#include "keel/calls.h"
#include "keel/console.h"

#define BENCH_ROUNDS 48

static volatile int written;

static void write_done(int length, int unused0, int unused1, void* appdata) {
  (void)length;
  (void)unused0;
  (void)unused1;
  (void)appdata;
  written = 1;
}

int main(void) {
  static const char dot = '.';
  if (keel_subscribe(KEEL_DRIVER_CONSOLE, KEEL_CONSOLE_UPCALL_WRITE_DONE, write_done, 0) != KEEL_OK) { return 1; }
  if (keel_allow_ro(KEEL_DRIVER_CONSOLE, KEEL_CONSOLE_ALLOW_RO_WRITE, &dot, 1) != KEEL_OK) { return 1; }
  for (int i = 0; i < BENCH_ROUNDS; ++i) {
    written = 0;
    (void)keel_command(KEEL_DRIVER_CONSOLE, 1, 1, 0);
    while (!written) { keel_yield_wait(); }
  }
  return 0;
}
