// SPDX-License-Identifier: Apache-2.0
// Power-cut check of isolated nonvolatile storage (driver 0x50004), for tests/qemu/cases.py: at boot the app reads
// its whole region and says what it holds -- "stream: found <n>" when every word is the pattern of record n,
// "stream: found nothing" when it is erased, "stream: torn" otherwise -- then writes records n+1, n+2, ... over
// the whole region forever, printing "stream: wrote <n>" after each one the kernel reported done. The test kills
// QEMU at random moments and boots again on the same flash image: the region must hold the last record reported
// (or the one being written), never a mix.
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "keel/calls.h"

enum {
  kDriver = 0x50004,
  kGetSize = 1,
  kRead = 2,
  kWrite = 3,
  kRegionWords = 1024,  // the board's 4 KiB region
};

static uint32_t region[kRegionWords];

// Word 0 is the record number itself; every other word depends on both, so a region with words of two records
// (a torn write) matches no record.
static uint32_t pattern(uint32_t record, uint32_t word) {
  return word == 0 ? record : (record * 0x9e3779b1U) ^ (word * 0x85ebca6bU);
}

static uint32_t wait_status(uint32_t upcall) { return keel_yield_wait_for(kDriver, upcall).arg0; }

int main(void) {
  if (!keel_driver_exists(kDriver)) {
    printf("stream: no isolated storage\n");
    return 1;
  }
  if (keel_command(kDriver, kGetSize, 0, 0) != KEEL_OK) return 1;
  keel_upcall_args size = keel_yield_wait_for(kDriver, 0);
  if (size.arg0 != 0 || size.arg1 != sizeof region) {
    printf("stream: region is %lu bytes, expected %lu\n", (unsigned long)size.arg1, (unsigned long)sizeof region);
    return 1;
  }
  if (keel_allow_rw(kDriver, 0, region, sizeof region) != KEEL_OK || keel_command(kDriver, kRead, 0, 0) != KEEL_OK ||
      wait_status(1) != 0) {
    printf("stream: read failed\n");
    return 1;
  }
  (void)keel_allow_rw(kDriver, 0, NULL, 0);
  uint32_t record = 0;
  bool erased = true;
  for (uint32_t i = 0; i < kRegionWords; ++i) erased = erased && region[i] == 0xffffffffU;
  if (erased) {
    printf("stream: found nothing\n");
  } else {
    record = region[0];
    bool found = true;
    for (uint32_t i = 0; found && i < kRegionWords; ++i) found = region[i] == pattern(record, i);
    if (!found) {
      printf("stream: torn\n");
      return 1;
    }
    printf("stream: found %lu\n", (unsigned long)record);
  }
  for (;;) {
    ++record;
    for (uint32_t i = 0; i < kRegionWords; ++i) region[i] = pattern(record, i);
    if (keel_allow_ro(kDriver, 0, region, sizeof region) != KEEL_OK || keel_command(kDriver, kWrite, 0, 0) != KEEL_OK) {
      printf("stream: write refused\n");
      return 1;
    }
    uint32_t status = wait_status(2);
    if (status != 0) {
      printf("stream: write failed: %s\n", keel_status_name((keel_status)status));
      return 1;
    }
    printf("stream: wrote %lu\n", (unsigned long)record);
  }
}
