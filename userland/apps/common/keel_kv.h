// SPDX-License-Identifier: Apache-2.0
// Blocking calls of the key-value driver (0x50003) for Keel's test apps, with Tock's ABI exactly as libtock-c's
// libtock/storage/kv uses it: read-only allow 0 the key, read-only allow 1 the value, read-write allow 0 where a get
// puts it, commands 1 get, 2 set, 3 delete, 4 add, 5 update, 6 garbage collect, upcall 0 (status, length, 0).
// Each call answers the command's error if it was refused, else the upcall's status.
#ifndef KEEL_KV_H
#define KEEL_KV_H
#include <stdint.h>
#include <string.h>

#include "keel/calls.h"

enum {
  kKvDriver = 0x50003,
  kKvGet = 1,
  kKvSet = 2,
  kKvDelete = 3,
  kKvAdd = 4,
  kKvUpdate = 5,
  kKvGarbageCollect = 6,
};

static inline uint32_t kv_call(uint32_t command, const char* key, const void* value, size_t value_length,
                               void* out, size_t out_length, uint32_t* length) {
  keel_status status = keel_allow_ro(kKvDriver, 0, key, key == NULL ? 0 : strlen(key));
  if (status == KEEL_OK && value != NULL) status = keel_allow_ro(kKvDriver, 1, value, value_length);
  if (status == KEEL_OK && out != NULL) status = keel_allow_rw(kKvDriver, 0, out, out_length);
  if (status == KEEL_OK) status = keel_command(kKvDriver, command, 0, 0);
  if (status != KEEL_OK) return (uint32_t)status;
  keel_upcall_args done = keel_yield_wait_for(kKvDriver, 0);
  if (length != NULL) *length = done.arg1;
  return done.arg0;
}

static inline uint32_t kv_get(const char* key, void* out, size_t out_length, uint32_t* length) {
  return kv_call(kKvGet, key, NULL, 0, out, out_length, length);
}
static inline uint32_t kv_put(uint32_t command, const char* key, const void* value, size_t value_length) {
  return kv_call(command, key, value, value_length, NULL, 0, NULL);
}
static inline uint32_t kv_delete(const char* key) { return kv_call(kKvDelete, key, NULL, 0, NULL, 0, NULL); }
static inline uint32_t kv_collect(void) { return kv_call(kKvGarbageCollect, NULL, NULL, 0, NULL, 0, NULL); }
static inline const char* kv_name(uint32_t status) { return keel_status_name((keel_status)status); }

#endif
