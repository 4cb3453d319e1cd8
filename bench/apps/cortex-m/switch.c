// SPDX-License-Identifier: Apache-2.0
// Cortex-M benchmark: two copies of this app alternate. Each writes one byte to the console and yield-waits for the
// write-done upcall; the UART's transmit interrupt ends the process's turn, so the kernel switches to the other
// copy, which resumes after its own write. The trace gives the switch's path (bench/trace-bench).
#include "keel/console.h"

#define BENCH_ROUNDS 48

int main(void) {
  static const char byte[1] = {'.'};
  for (int i = 0; i < BENCH_ROUNDS; ++i) { (void)keel_console_write(byte, 1); }
  return 0;
}
