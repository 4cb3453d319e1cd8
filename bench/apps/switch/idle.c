// SPDX-License-Identifier: Apache-2.0
// The single-process configuration's companion (see main.c): it holds a console grant, as the second process of
// a pair does, then waits in yield forever without ever becoming runnable. With it, both configurations have two
// console users, so the console's per-user work is the same in both and does not count as switching.
// bench/run-bench stops QEMU once bench_switch_a has printed its line.
#include <stddef.h>

#include "bench.h"
#include "keel/calls.h"
#include "keel/console.h"

static void never_called(int a0, int a1, int a2, void* appdata) {
  (void)a0;
  (void)a1;
  (void)a2;
  (void)appdata;
}

int main(void) {
  keel_status const status = keel_subscribe(KEEL_DRIVER_CONSOLE, KEEL_CONSOLE_UPCALL_WRITE_DONE, never_called, NULL);
  if (status != KEEL_OK) bench_fail("subscribe", status);
  for (;;) keel_yield_wait();
}
