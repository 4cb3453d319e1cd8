// SPDX-License-Identifier: Apache-2.0
// The power-loss test's checker: reads each of the writer's keys back and checks the value byte for byte against
// the one its prefix names (value.h). Prints, per key, "kv-check: <key> absent", "kv-check: <key> <nonce>-<n> ok",
// or "kv-check: <key> bad ..." (a torn or wrong value) / "error <status>"; then "kv-check: done".
#include <stdio.h>
#include <string.h>

#include "keel_kv.h"
#include "value.h"

static char got[kPowerValueMax + 16];
static char expected[kPowerValueMax];

int main(void) {
  for (uint32_t k = 0; k < kPowerKeys; ++k) {
    char key[8];
    power_key(key, k);
    uint32_t length = 0;
    memset(got, 0, sizeof got);
    uint32_t const status = kv_get(key, got, sizeof got, &length);
    if (status == KEEL_ERR_NOSUPPORT) {
      printf("kv-check: %s absent\n", key);
      continue;
    }
    if (status != KEEL_OK) {
      printf("kv-check: %s error %s\n", key, kv_name(status));
      continue;
    }
    unsigned long nonce = 0, n = 0;
    char named[8] = {0};
    if (length > kPowerValueMax || sscanf(got, "%8lx-%lu-%7[^|]|", &nonce, &n, named) != 3) {
      printf("kv-check: %s bad prefix (length %lu)\n", key, (unsigned long)length);
      continue;
    }
    uint32_t const want = power_value(expected, (uint32_t)nonce, (uint32_t)n);
    if (strcmp(named, key) != 0 || want != length || memcmp(got, expected, want) != 0) {
      printf("kv-check: %s bad value %08lx-%lu (length %lu)\n", key, nonce, n, (unsigned long)length);
      continue;
    }
    printf("kv-check: %s %08lx-%lu ok\n", key, nonce, n);
  }
  printf("kv-check: done\n");
  return 0;
}
