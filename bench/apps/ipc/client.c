// SPDX-License-Identifier: Apache-2.0
// IPC round trip on qemu-virt-rv32 (round.h): instret at the call of bench_ipc_round and in the first instruction of
// the reply upcall. Prints `bench: ipc_round_trip rounds=<n> min=<m> max=<M>` (after a warm-up round).
#include "bench.h"
#include "round.h"

static uint32_t replied_at;

__attribute__((noinline)) void bench_ipc_reply(int from, int length, int address, void* appdata) {
  replied_at = bench_instret();
  (void)from; (void)length; (void)address; (void)appdata;
  bench_ipc_replied = 1;
}

int main(void) {
  int failed = bench_ipc_setup(bench_ipc_reply);
  if (failed) bench_fail("ipc setup", failed);
  bench_ipc_round(kBenchIpcRounds + 1);  // warm-up: the service's first run, grants, the window
  uint32_t min = UINT32_MAX, max = 0;
  for (uint32_t left = kBenchIpcRounds; left > 0; --left) {
    bench_fresh_timeslice();
    uint32_t const start = bench_instret();
    bench_ipc_round(left);
    uint32_t const took = replied_at - start;
    if (took < min) min = took;
    if (took > max) max = took;
  }
  bench_ipc_round(0);
  bench_line("ipc_round_trip", "rounds=%lu min=%lu max=%lu", (unsigned long)kBenchIpcRounds, (unsigned long)min,
             (unsigned long)max);
  return 0;
}
