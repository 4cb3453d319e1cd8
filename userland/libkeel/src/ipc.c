// SPDX-License-Identifier: Apache-2.0
#include "keel/ipc.h"

#include <string.h>

keel_status keel_ipc_discover(const char* name, uint32_t* service) {
  keel_status status = keel_allow_ro(KEEL_DRIVER_IPC, KEEL_IPC_ALLOW_RO_SEARCH, name, strlen(name));
  if (status != KEEL_OK) return status;
  status = keel_command_u32(KEEL_DRIVER_IPC, KEEL_IPC_COMMAND_DISCOVER, 0, 0, service);
  // The name need not stay allowed (it may be a stack buffer).
  keel_status const released = keel_allow_ro(KEEL_DRIVER_IPC, KEEL_IPC_ALLOW_RO_SEARCH, NULL, 0);
  return status != KEEL_OK ? status : released;
}

keel_status keel_ipc_register_service(const char* own_name, keel_upcall_fn fn, void* appdata) {
  uint32_t self = 0;
  keel_status status = keel_ipc_discover(own_name, &self);
  if (status != KEEL_OK) return status;
  return keel_subscribe(KEEL_DRIVER_IPC, self, fn, appdata);
}

keel_status keel_ipc_register_client(uint32_t service, keel_upcall_fn fn, void* appdata) {
  return keel_subscribe(KEEL_DRIVER_IPC, service, fn, appdata);
}

keel_status keel_ipc_share(uint32_t other, void* buffer, size_t length) {
  return keel_allow_rw(KEEL_DRIVER_IPC, other, buffer, length);
}

keel_status keel_ipc_notify_service(uint32_t service) {
  return keel_command(KEEL_DRIVER_IPC, KEEL_IPC_COMMAND_NOTIFY_SERVICE, service, 0);
}

keel_status keel_ipc_notify_client(uint32_t client) {
  return keel_command(KEEL_DRIVER_IPC, KEEL_IPC_COMMAND_NOTIFY_CLIENT, client, 0);
}
