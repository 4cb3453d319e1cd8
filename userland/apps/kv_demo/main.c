// SPDX-License-Identifier: Apache-2.0
// The key-value driver (0x50003) from apps' side, for tests/qemu/cases.py. One source, four apps (their storage
// permissions are in their TBFs, userland/apps/CMakeLists.txt):
//   kv_a       write id 0xa1, reads and modifies 0xa1: stores "greeting" and runs every operation once
//   kv_b       write id 0xb2, reads 0xa1 and 0xb2, modifies 0xb2: reads a's greeting, may not change it
//   kv_c       write id 0xc3, reads and modifies only 0xc3: may not read a's or b's values
//   kv_denied  no storage permissions at all
// Each prints one line per call, "kv-<name>: <what> <status>", so a test compares them exactly.
#include <stdio.h>
#include <string.h>

#include "keel_kv.h"

#define STRINGIFY(x) STRINGIFY2(x)
#define STRINGIFY2(x) #x
#define NAME STRINGIFY(KV_NAME)

static char out[64];

static void show_get(const char* key, size_t room) {
  uint32_t length = 0;
  memset(out, 0, sizeof out);
  uint32_t status = kv_get(key, out, room, &length);
  if (status == KEEL_OK || status == KEEL_ERR_SIZE) {
    printf("kv-%s: get %s %s length %lu: %.*s\n", NAME, key, kv_name(status), (unsigned long)length,
           (int)(length < room ? length : room), out);
  } else {
    printf("kv-%s: get %s %s\n", NAME, key, kv_name(status));
  }
}

static void show(const char* what, const char* key, uint32_t status) {
  printf("kv-%s: %s %s %s\n", NAME, what, key, kv_name(status));
}

static void put(const char* what, uint32_t command, const char* key, const char* value) {
  show(what, key, kv_put(command, key, value, strlen(value)));
}

int main(void) {
  if (!keel_driver_exists(kKvDriver)) {
    printf("kv-%s: no key-value store\n", NAME);
    return 0;
  }
#if defined(KV_ROLE_A)
  show_get("greeting", sizeof out);
  put("set", kKvSet, "greeting", "hello from a");
  put("add", kKvAdd, "greeting", "again");
  put("update", kKvUpdate, "greeting", "hello again from a");
  show_get("greeting", 5);
  put("add", kKvAdd, "scratch", "temporary");
  show("delete", "scratch", kv_delete("scratch"));
  show_get("scratch", sizeof out);
  show("delete", "scratch", kv_delete("scratch"));
  put("update", kKvUpdate, "scratch", "x");
  show("collect", "-", kv_collect());
  show_get("greeting", sizeof out);
#elif defined(KV_ROLE_B)
  show_get("greeting", sizeof out);
  put("set", kKvSet, "greeting", "b was here");
  put("update", kKvUpdate, "greeting", "b was here");
  show("delete", "greeting", kv_delete("greeting"));
  put("set", kKvSet, "b-own", "mine");
  show_get("b-own", sizeof out);
  show_get("greeting", sizeof out);
#elif defined(KV_ROLE_C)
  show_get("greeting", sizeof out);
  show_get("b-own", sizeof out);
  show("delete", "greeting", kv_delete("greeting"));
  put("set", kKvSet, "c-own", "c's");
  show_get("c-own", sizeof out);
#else
  show_get("greeting", sizeof out);
  put("set", kKvSet, "greeting", "denied");
  put("add", kKvAdd, "denied-own", "x");
  show("delete", "greeting", kv_delete("greeting"));
#endif
  printf("kv-%s: done\n", NAME);
  return 0;
}
