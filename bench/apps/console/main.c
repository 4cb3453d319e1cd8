// SPDX-License-Identifier: Apache-2.0
// Console throughput: instructions per byte of a 1 KiB console write (allow, write command, wait for write-done,
// revoke), measured like the single calls: BENCH_WRITES writes against the same loop without the ecalls, then twice
// as many. The payload is 16 lines of 64 bytes starting "bench-payload", which bench/run-bench ignores.
#include <stdint.h>
#include <string.h>

#include "bench.h"
#include "keel/calls.h"
#include "keel/console.h"

#ifndef BENCH_WRITES
#define BENCH_WRITES 4
#endif

enum { kWriteSize = 1024, kLine = 64 };

BENCH_DECLARE_LOOP(console_write);

static char payload[kWriteSize];

int main(void) {
  for (int line = 0; line < kWriteSize / kLine; ++line) {
    char* const text = &payload[line * kLine];
    memset(text, '.', kLine - 1);
    memcpy(text, "bench-payload ", 14);
    text[kLine - 1] = '\n';
  }
  // The first write allocates the console grant; measured writes all take the steady-state path.
  keel_status const status = keel_console_write(payload, kWriteSize);
  if (status != KEEL_OK) bench_fail("console_write", status);
  bench_measure("console_write_1k", bench_console_write, bench_console_write_empty, BENCH_WRITES,
                (uint32_t)(uintptr_t)payload, kWriteSize);
  return 0;
}
