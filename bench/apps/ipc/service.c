// SPDX-License-Identifier: Apache-2.0
// IPC round-trip benchmark, the service half: answers every notification at once and does nothing else, so that
// the round trip measured by the client (client.c, or bench_cm_ipc_client on Cortex-M) is the kernel's path plus
// one upcall and one system call here. Exits when the client's buffer says so.
#include <stdint.h>

#include "keel/ipc.h"

static volatile int done;

static void on_request(int client, int length, int address, void* appdata) {
  (void)appdata;
  if (length >= 4 && *(volatile uint32_t*)address == 0) done = 1;
  (void)keel_ipc_notify_client((uint32_t)client);
}

int main(void) {
  if (keel_ipc_register_service("bench_ipc_service", on_request, 0) != KEEL_OK) return 1;
  while (!done) keel_yield_wait();
  return 0;
}
