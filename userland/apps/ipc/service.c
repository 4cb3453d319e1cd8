// SPDX-License-Identifier: Apache-2.0
// The IPC test service (docs/ipc.md): registers under its package name and answers the requests in message.h.
// Prints "<name>: up" when it has registered, and one line per quit or restart.
#include <stdio.h>
#include <stdlib.h>

#include "keel/ipc.h"
#include "keel/runtime.h"
#include "message.h"

static uint32_t served;
static uint32_t notifications;
static volatile uint32_t remembered;  // an address a client once shared (IPC_OP_REMEMBER)
static int ending;                    // 0, or the op that ends this run once answered

static char rot13(char c) {
  if (c >= 'a' && c <= 'z') return (char)('a' + (c - 'a' + 13) % 26);
  if (c >= 'A' && c <= 'Z') return (char)('A' + (c - 'A' + 13) % 26);
  return c;
}

static void on_request(int client, int length, int address, void* appdata) {
  (void)appdata;
  ++notifications;
  if (length == 0) {
    if (remembered != 0) {
      printf(SERVICE_NAME ": reading the buffer client %d shared before at 0x%08lx\n", client,
             (unsigned long)remembered);
      uint32_t value = *(volatile uint32_t*)remembered;
      printf(SERVICE_NAME ": read %lu: the revoked buffer is still reachable\n", (unsigned long)value);
    }
    return;
  }
  if ((size_t)length < sizeof(ipc_message)) return;
  ipc_message* m = (ipc_message*)address;
  switch (m->op) {
    case IPC_OP_ROT13:
      for (unsigned i = 0; i < sizeof m->text && m->text[i] != 0; ++i) m->text[i] = rot13(m->text[i]);
      m->seq = ++served;
      break;
    case IPC_OP_COUNT: m->seq = notifications; break;
    case IPC_OP_REMEMBER: remembered = (uint32_t)address; break;
    case IPC_OP_QUIT:
    case IPC_OP_RESTART: ending = (int)m->op; break;
    default: break;
  }
  keel_status status = keel_ipc_notify_client((uint32_t)client);
  if (status != KEEL_OK) printf(SERVICE_NAME ": notify client %d failed: %s\n", client, keel_status_name(status));
}

int main(void) {
  keel_status status = keel_ipc_register_service(SERVICE_NAME, on_request, NULL);
  if (status != KEEL_OK) {
    printf(SERVICE_NAME ": register failed: %s\n", keel_status_name(status));
    return 1;
  }
  printf(SERVICE_NAME ": up\n");
  while (ending == 0) keel_yield_wait();
  if (ending == IPC_OP_RESTART) {
    printf(SERVICE_NAME ": restarting\n");
    keel_stdout_flush();
    keel_exit_restart(0);
  }
  printf(SERVICE_NAME ": quit after %lu requests, %lu notifications\n", (unsigned long)served,
         (unsigned long)notifications);
  return 0;
}
