// SPDX-License-Identifier: Apache-2.0
// IPC round trip on mps2-an386 (bench/apps/ipc/round.h): bench/trace-bench measures each round from the first
// instruction of bench_ipc_round to the first instruction of bench_ipc_reply in the execution trace.
#include "../ipc/round.h"

__attribute__((noinline)) void bench_ipc_reply(int from, int length, int address, void* appdata) {
  (void)from; (void)length; (void)address; (void)appdata;
  bench_ipc_replied = 1;
}

int main(void) {
  if (bench_ipc_setup(bench_ipc_reply) != 0) return 1;
  for (uint32_t left = 16; left > 0; --left) bench_ipc_round(left);
  bench_ipc_round(0);
  return 0;
}
