// SPDX-License-Identifier: Apache-2.0
// Key-value store latency (bench/kv-bench): each figure is the instructions retired from just before the command
// that starts an operation to just after the upcall that ends it (kernel, driver, store and flash driver; QEMU's
// own flash emulation retires no guest instructions). The workload: KV_KEYS keys with KV_VALUE-byte values, set
// once each (new keys), read each, then replaced KV_REPLACES times each; a get of a missing key. With
// KV_COLLECT the app instead collects garbage (after the workload run left its dead records) and reads again.
// Output: `bench: kv_<figure> count=<n> min=<i> median=<i> max=<i>` (instructions), `bench: kv_done`.
#include <stdio.h>
#include <string.h>

#include "bench.h"
#include "keel_kv.h"

#ifndef KV_KEYS
#define KV_KEYS 32
#endif
#ifndef KV_VALUE
#define KV_VALUE 64
#endif
#ifndef KV_REPLACES
#define KV_REPLACES 4
#endif

static char value[KV_VALUE];
static char out[KV_VALUE];
static uint32_t samples[KV_KEYS * KV_REPLACES];

static void key_name(char* key, int k) { snprintf(key, 16, "bench-key-%02d", k); }

static void fill_value(int k, int round) {
  for (int i = 0; i < KV_VALUE; ++i) { value[i] = (char)('A' + (k + round + i) % 26); }
}

// One operation, timed: the command (with its allows made before the first reading) to the end of its upcall.
static uint32_t timed(uint32_t command, const char* key, int with_value, int with_out, uint32_t* status) {
  keel_allow_ro(kKvDriver, 0, key, strlen(key));
  if (with_value) keel_allow_ro(kKvDriver, 1, value, sizeof value);
  if (with_out) keel_allow_rw(kKvDriver, 0, out, sizeof out);
  uint32_t const start = bench_instret();
  keel_status const started = keel_command(kKvDriver, command, 0, 0);
  keel_upcall_args done = {0, 0, 0};
  if (started == KEEL_OK) done = keel_yield_wait_for(kKvDriver, 0);
  uint32_t const end = bench_instret();
  *status = started != KEEL_OK ? (uint32_t)started : done.arg0;
  return end - start - 1;  // a read counts itself
}

static int compare(const void* a, const void* b) {
  uint32_t const x = *(const uint32_t*)a, y = *(const uint32_t*)b;
  return x < y ? -1 : x > y;
}

static void report(const char* figure, uint32_t* values, int n) {
  // Insertion sort: n is small, and qsort would pull in more than the app needs.
  for (int i = 1; i < n; ++i) {
    for (int j = i; j > 0 && compare(&values[j - 1], &values[j]) > 0; --j) {
      uint32_t const t = values[j];
      values[j] = values[j - 1];
      values[j - 1] = t;
    }
  }
  printf("bench: kv_%s count=%d min=%lu median=%lu max=%lu\n", figure, n, (unsigned long)values[0],
         (unsigned long)values[n / 2], (unsigned long)values[n - 1]);
}

static void expect_ok(const char* what, uint32_t status) {
  if (status != KEEL_OK) bench_fail(what, (int)status);
}

int main(void) {
  char key[16];
  uint32_t status = 0;
#ifndef KV_COLLECT
  for (int k = 0; k < KV_KEYS; ++k) {
    key_name(key, k);
    fill_value(k, 0);
    samples[k] = timed(kKvSet, key, 1, 0, &status);
    expect_ok("set new", status);
  }
  report("set_new", samples, KV_KEYS);
  for (int k = 0; k < KV_KEYS; ++k) {
    key_name(key, k);
    samples[k] = timed(kKvGet, key, 0, 1, &status);
    expect_ok("get", status);
  }
  report("get", samples, KV_KEYS);
  int n = 0;
  for (int round = 1; round <= KV_REPLACES; ++round) {
    for (int k = 0; k < KV_KEYS; ++k) {
      key_name(key, k);
      fill_value(k, round);
      samples[n++] = timed(kKvSet, key, 1, 0, &status);
      expect_ok("set replace", status);
    }
  }
  report("set_replace", samples, n);
  samples[0] = timed(kKvGet, "bench-missing", 0, 1, &status);
  if (status != KEEL_ERR_NOSUPPORT) bench_fail("get missing", (int)status);
  report("get_missing", samples, 1);
#else
  samples[0] = timed(kKvGarbageCollect, "", 0, 0, &status);
  expect_ok("collect", status);
  report("collect", samples, 1);
  for (int k = 0; k < KV_KEYS; ++k) {
    key_name(key, k);
    samples[k] = timed(kKvGet, key, 0, 1, &status);
    expect_ok("get after collect", status);
    fill_value(k, KV_REPLACES);
    if (memcmp(out, value, sizeof value) != 0) bench_fail("value after collect", 0);
  }
  report("get_after_collect", samples, KV_KEYS);
#endif
  printf("bench: kv_workload keys=%d value=%d replaces=%d\n", KV_KEYS, KV_VALUE, KV_REPLACES);
  printf("bench: kv_done\n");
  return 0;
}
