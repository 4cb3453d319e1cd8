// SPDX-License-Identifier: Apache-2.0
// IPC test clients of the service in service.c (tests/qemu/cases.py, docs/ipc.md). CLIENT_MODE picks what it does:
//   1 exchange:   three rot13 requests through one shared buffer, then quit.   "client: reply <seq>: <text>"
//   2 hostile:    buffers that must not be shared (each answer printed), bad targets, then one good exchange.
//   3 revoke:     the service remembers the buffer, the client revokes it, then asks the service to read it.
//   4 storm:      STORM_COUNT notifications as fast as the kernel takes them (NOMEM: wait and retry), then asks
//                 the service how many arrived.   "client: storm accepted A refused R counted C"
//   5 restarts:   requests across a service restart (the second reply ends the service's run) and then restarts
//                 itself once; the service's count shows it served both runs.
//   6 exit:       the service remembers the buffer, then the client exits (its sharing ends with it).
//   7 trigger:    waits, then notifies the service with no buffer (the service then reads what it remembered).
#include <stdio.h>
#include <string.h>

#include "keel/alarm.h"
#include "keel/runtime.h"
#include "keel/ipc.h"
#include "keel/timer.h"
#include "message.h"

#ifndef OWN_NAME
#define OWN_NAME ""
#endif
#ifndef STORM_COUNT
#define STORM_COUNT 1
#endif

// 64-byte aligned at run time: Keel's position-independent app layout keeps .data and .bss packed, so it does not
// take over-aligned statics.
static uint8_t message_storage[2 * sizeof(ipc_message)];
#define message (*(ipc_message*)(((uintptr_t)message_storage + 63) & ~(uintptr_t)63))
static uint32_t service;
static volatile int replies;
static volatile int timed_out;

static void on_reply(int from, int length, int address, void* appdata) {
  (void)from; (void)length; (void)address; (void)appdata;
  ++replies;
}

static void on_timeout(keel_timer* timer, uint32_t expiration, uint32_t now, void* appdata) {
  (void)timer; (void)expiration; (void)now; (void)appdata;
  timed_out = 1;
}

// Sends `op` through the shared buffer and waits for the answer, re-sending after a second without one (a
// service that ended its run before answering). False if the notification is refused for good.
static int request(uint32_t op, const char* text) {
  for (int attempt = 0; attempt < 5; ++attempt) {
    message.op = op;
    message.seq = 0;
    strncpy(message.text, text, sizeof message.text - 1);
    int const before = replies;
    keel_status status = keel_ipc_notify_service(service);
    if (status != KEEL_OK) {
      printf("client: notify failed: %s\n", keel_status_name(status));
      return 0;
    }
    static keel_timer timer;
    timed_out = 0;
    keel_timer_start_ms(&timer, 1000, on_timeout, NULL);
    while (replies == before && !timed_out) keel_yield_wait();
    keel_timer_cancel(&timer);
    if (replies != before) return 1;
    printf("client: no answer, sending again\n");
  }
  return 0;
}

static void show_share(const char* what, void* buffer, size_t length) {
  keel_status status = keel_ipc_share(service, buffer, length);
  printf("client: share %s: %s\n", what, keel_status_name(status));
}

static void exchange(int count) {
  for (int i = 0; i < count; ++i) {
    if (!request(IPC_OP_ROT13, "Hello World!")) return;
    printf("client: reply %lu: %s\n", (unsigned long)message.seq, message.text);
  }
}

int main(void) {
  keel_status status = keel_ipc_discover(SERVICE_NAME, &service);
  if (status != KEEL_OK) {
    printf("client: no service: %s\n", keel_status_name(status));
    return 1;
  }
  keel_ipc_register_client(service, on_reply, NULL);
  if (CLIENT_MODE == 7) {
    keel_delay_ms(300);
    printf("client: asking the service to read the buffer it remembers\n");
    keel_ipc_notify_service(service);
    keel_delay_ms(300);
  }
  if (CLIENT_MODE == 2) {
    uint8_t* base = (uint8_t*)&message;
    (void)base;
    show_share("kernel memory", keel_grant_start(), 64);
    show_share("flash", keel_flash_start(), 64);
    show_share("beyond its memory", keel_memory_end(), 64);
    show_share("unaligned", base + 4, 32);
    show_share("48 bytes", base, 48);
    uint32_t self = 0;
    keel_ipc_discover(OWN_NAME, &self);
    printf("client: notify itself: %s\n", keel_status_name(keel_ipc_notify_service(self)));
    printf("client: notify index 0xffffffff: %s\n", keel_status_name(keel_ipc_notify_service(0xFFFFFFFFU)));
    printf("client: notify no process: %s\n", keel_status_name(keel_ipc_notify_service(7)));
    uint32_t none = 0;
    printf("client: discover nothing: %s\n", keel_status_name(keel_ipc_discover("no.such.service", &none)));
  }
  status = keel_ipc_share(service, &message, sizeof message);
  if (status != KEEL_OK) {
    printf("client: share failed: %s\n", keel_status_name(status));
    return 1;
  }
  switch (CLIENT_MODE) {
    case 1:
    case 2:
      exchange(CLIENT_MODE == 1 ? 3 : 1);
      break;
    case 3:
      request(IPC_OP_REMEMBER, "");
      printf("client: the service holds the buffer; revoking it\n");
      keel_ipc_share(service, NULL, 0);
      keel_ipc_notify_service(service);
      keel_delay_ms(300);
      printf("client: still running after the service touched the revoked buffer\n");
      keel_ipc_share(service, &message, sizeof message);
      break;
    case 4: {
      uint32_t accepted = 0, refused = 0;
      keel_ipc_share(service, NULL, 0);  // notifications without a buffer: the service only counts them
      while (accepted < STORM_COUNT) {
        status = keel_ipc_notify_service(service);
        if (status == KEEL_OK) {
          ++accepted;
        } else if (status == KEEL_ERR_NOMEM) {
          if (refused % 16 == 0) printf("client: refused at %lu\n", (unsigned long)accepted);
          ++refused;
          keel_delay_ms(1);
        } else {
          printf("client: storm notify failed: %s\n", keel_status_name(status));
          return 1;
        }
      }
      keel_ipc_share(service, &message, sizeof message);
      request(IPC_OP_COUNT, "");
      // The count includes the COUNT request itself.
      printf("client: storm accepted %lu refused %lu counted %lu\n", (unsigned long)accepted, (unsigned long)refused,
             (unsigned long)(message.seq - 1));
      break;
    }
    case 5: {
      // The first run meets a fresh service (its first reply is 1): it restarts the service, then itself. The
      // second run finds the service's count going on (3) and only exchanges.
      exchange(1);
      if (message.seq == 1) {
        request(IPC_OP_RESTART, "");
        exchange(2);
        printf("client: restarting\n");
        keel_stdout_flush();
        keel_exit_restart(0);
      }
      exchange(2);
      break;
    }
    case 6:
      request(IPC_OP_REMEMBER, "");
      printf("client: the service holds the buffer; exiting\n");
      return 0;
    default: break;
  }
  request(IPC_OP_QUIT, "");
  printf("client: done\n");
  return 0;
}
