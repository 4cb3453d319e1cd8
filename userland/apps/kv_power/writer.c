// SPDX-License-Identifier: Apache-2.0
// The power-loss test's writer (tests/qemu/power_loss.py kills QEMU while it runs): an endless stream of sets of
// eight keys, with a delete now and then and a garbage collection every 48 operations (and whenever a set answers
// NOMEM), so that power cuts land in record writes, death marks, copies and erases alike. Every operation is
// reported on the console only after the driver said it completed:
//   kv-power: nonce <hex>              (from the RNG: it makes this boot's values differ from every other boot's)
//   kv-power: set <key> <n> <status>   / delete <key> <n> <status> / gc start / gc done <status>
#include <stdio.h>

#include "keel/rng.h"
#include "keel_kv.h"
#include "value.h"

static char value[kPowerValueMax];

static void collect(void) {
  printf("kv-power: gc start\n");
  printf("kv-power: gc done %s\n", kv_name(kv_collect()));
}

int main(void) {
  uint32_t nonce = 0;
  if (keel_rng_fill(&nonce, sizeof nonce) != KEEL_OK) {
    printf("kv-power: no randomness\n");
    return 1;
  }
  printf("kv-power: nonce %08lx\n", (unsigned long)nonce);
  for (uint32_t n = 0;; ++n) {
    char key[8];
    power_key(key, n);
    if (n % 11 == 10) {
      printf("kv-power: delete %s %lu %s\n", key, (unsigned long)n, kv_name(kv_delete(key)));
    } else {
      uint32_t const length = power_value(value, nonce, n);
      uint32_t status = kv_put(kKvSet, key, value, length);
      if (status == KEEL_ERR_NOMEM) {
        collect();
        status = kv_put(kKvSet, key, value, length);
      }
      printf("kv-power: set %s %lu %s\n", key, (unsigned long)n, kv_name(status));
      if (status != KEEL_OK) return 1;
    }
    if (n % 48 == 47) collect();
  }
}
