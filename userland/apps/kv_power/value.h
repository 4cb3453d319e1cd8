// SPDX-License-Identifier: Apache-2.0
// The values of the power-loss test: operation n of the boot with `nonce` writes, under key pw-(n % 8),
// "<nonce>-<n>-<key>|" and then filler bytes that depend on n, to a length that varies with n (24 to 163 bytes).
// The writer makes them; the checker rebuilds the expected one from the prefix it reads and compares every byte.
#ifndef KV_POWER_VALUE_H
#define KV_POWER_VALUE_H
#include <stdint.h>
#include <stdio.h>

enum { kPowerKeys = 8, kPowerValueMax = 200 };

static inline void power_key(char* key, uint32_t n) { snprintf(key, 8, "pw-%lu", (unsigned long)(n % kPowerKeys)); }

static inline uint32_t power_value_length(uint32_t n) { return 24 + (n * 37U) % 140U; }

/// Writes value n into `value` (kPowerValueMax bytes); its length.
static inline uint32_t power_value(char* value, uint32_t nonce, uint32_t n) {
  char key[8];
  power_key(key, n);
  int const prefix = snprintf(value, kPowerValueMax, "%08lx-%lu-%s|", (unsigned long)nonce, (unsigned long)n, key);
  uint32_t const length = power_value_length(n);
  for (uint32_t i = (uint32_t)prefix; i < length; ++i) { value[i] = (char)('a' + (n + i * 7U) % 26U); }
  return length;
}

#endif
