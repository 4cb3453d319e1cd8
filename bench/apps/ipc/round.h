// SPDX-License-Identifier: Apache-2.0
// IPC round-trip benchmark, the client half shared by both boards: `rounds` notify round trips (client -> service
// -> client) through a 64-byte shared buffer, each from the call of bench_ipc_round to the first instruction of
// bench_ipc_reply. On qemu-virt-rv32 the client reads the instruction counter at both ends (bench/apps/ipc/
// client.c); on mps2-an386 bench/trace-bench takes the same two points from the execution trace.
#ifndef BENCH_IPC_ROUND_H
#define BENCH_IPC_ROUND_H

#include <stdint.h>

#include "keel/ipc.h"

enum { kBenchIpcRounds = 64 };

// The shared buffer (aligned at run time: Keel's PIC layout takes no over-aligned statics). Its first word is the
// number of rounds still to go; 0 tells the service to end.
static uint8_t bench_ipc_storage[128];
#define BENCH_IPC_SHARED ((volatile uint32_t*)(((uintptr_t)bench_ipc_storage + 63) & ~(uintptr_t)63))

static uint32_t bench_ipc_service;
static volatile int bench_ipc_replied;

// Returns nonzero when the set-up failed.
static int bench_ipc_setup(keel_upcall_fn reply) {
  if (keel_ipc_discover("bench_ipc_service", &bench_ipc_service) != KEEL_OK) return 1;
  if (keel_ipc_register_client(bench_ipc_service, reply, 0) != KEEL_OK) return 2;
  if (keel_ipc_share(bench_ipc_service, (void*)BENCH_IPC_SHARED, 64) != KEEL_OK) return 3;
  return 0;
}

// One round: notify, then wait in yield until the reply upcall has run.
__attribute__((noinline)) static void bench_ipc_round(uint32_t left) {
  BENCH_IPC_SHARED[0] = left;
  bench_ipc_replied = 0;
  (void)keel_ipc_notify_service(bench_ipc_service);
  while (!bench_ipc_replied) keel_yield_wait();
}

#endif  // BENCH_IPC_ROUND_H
