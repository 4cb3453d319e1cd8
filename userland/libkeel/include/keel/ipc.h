// SPDX-License-Identifier: Apache-2.0
// Inter-process communication (driver 0x10000, Tock's ABI; docs/ipc.md): services named by their package name,
// clients that find them, notifications both ways and one shared buffer per pair.
//
// Usage (service):  keel_ipc_register_service("my.service", on_request, NULL);
//                   on_request(client, length, address, appdata): the client's shared buffer (or 0, 0);
//                   keel_ipc_notify_client(client) answers.
// Usage (client):   keel_ipc_discover("my.service", &service); keel_ipc_register_client(service, on_reply, NULL);
//                   keel_ipc_share(service, buffer, length); keel_ipc_notify_service(service).
// A shared buffer must be one the MPU/PMP fences exactly (KEEL_ERR_SIZE otherwise): on Cortex-M a power of two of
// 32 bytes or more aligned to its size, on RISC-V any multiple of 4 bytes at a 4-byte boundary.
#ifndef KEEL_IPC_H
#define KEEL_IPC_H

#include <stddef.h>

#include "keel/calls.h"

#ifdef __cplusplus
extern "C" {
#endif

enum {
  KEEL_DRIVER_IPC = 0x10000,
  KEEL_IPC_ALLOW_RO_SEARCH = 0,
  KEEL_IPC_COMMAND_DISCOVER = 1,
  KEEL_IPC_COMMAND_NOTIFY_SERVICE = 2,
  KEEL_IPC_COMMAND_NOTIFY_CLIENT = 3,
};

/// The process index of the service whose package name is `name` (KEEL_ERR_NODEVICE: none).
keel_status keel_ipc_discover(const char* name, uint32_t* service);
/// Subscribes `fn` for notifications from this process's clients (it discovers its own name for its index).
keel_status keel_ipc_register_service(const char* own_name, keel_upcall_fn fn, void* appdata);
/// Subscribes `fn` for notifications from `service`.
keel_status keel_ipc_register_client(uint32_t service, keel_upcall_fn fn, void* appdata);
/// Shares buffer[0, length) with process `other` (length 0: stops sharing; its access ends at once).
keel_status keel_ipc_share(uint32_t other, void* buffer, size_t length);
keel_status keel_ipc_notify_service(uint32_t service);
keel_status keel_ipc_notify_client(uint32_t client);

#ifdef __cplusplus
}
#endif

#endif  // KEEL_IPC_H
