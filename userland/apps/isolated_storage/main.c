// SPDX-License-Identifier: Apache-2.0
// Isolated nonvolatile storage (driver 0x50004) from an app's side, for tests/qemu/cases.py. Built as three apps:
// isolated_storage_a and _b (storage write ids 0x4b31 / 0x4b32, each allowed to read and modify its own region) and
// isolated_storage_denied (no storage permissions).
//
// a and b print what their region holds ("found: ..." or "found nothing"), then count the boot in it: they store
// "keel-<letter> boot <n>" with n one more than what they found, read it back, and check that reads and writes
// outside the region are refused. So a second boot on the same flash image shows what the first stored, and each
// app only ever sees its own line. denied prints what each command answers.
#include <stdio.h>
#include <string.h>

#include "keel/calls.h"

enum {
  kDriver = 0x50004,
  kGetSize = 1,
  kRead = 2,
  kWrite = 3,
  kUpcallSize = 0,
  kUpcallRead = 1,
  kUpcallWrite = 2,
};

#ifndef STORAGE_LETTER
#define STORAGE_LETTER x
#endif
#define STRINGIFY(x) STRINGIFY2(x)
#define STRINGIFY2(x) #x

static const char* name(uint32_t status) { return keel_status_name((keel_status)status); }

// Each call: the command's own status if it was refused, else the upcall's (its value in *value).
static uint32_t get_size(uint32_t* value) {
  keel_status status = keel_command(kDriver, kGetSize, 0, 0);
  if (status != KEEL_OK) return (uint32_t)status;
  keel_upcall_args done = keel_yield_wait_for(kDriver, kUpcallSize);
  *value = done.arg1;
  return done.arg0;
}

static uint32_t read_at(uint32_t offset, void* buffer, size_t length, uint32_t* value) {
  keel_status status = keel_allow_rw(kDriver, 0, buffer, length);
  if (status == KEEL_OK) status = keel_command(kDriver, kRead, offset, 0);
  if (status != KEEL_OK) return (uint32_t)status;
  keel_upcall_args done = keel_yield_wait_for(kDriver, kUpcallRead);
  *value = done.arg1;
  return done.arg0;
}

static uint32_t write_at(uint32_t offset, const void* buffer, size_t length, uint32_t* value) {
  keel_status status = keel_allow_ro(kDriver, 0, buffer, length);
  if (status == KEEL_OK) status = keel_command(kDriver, kWrite, offset, 0);
  if (status != KEEL_OK) return (uint32_t)status;
  keel_upcall_args done = keel_yield_wait_for(kDriver, kUpcallWrite);
  *value = done.arg1;
  return done.arg0;
}

#ifdef STORAGE_DENIED

int main(void) {
  unsigned char buffer[8] = {0};
  uint32_t value = 0;
  printf("storage-denied: exists %s\n", keel_driver_exists(kDriver) ? "yes" : "no");
  printf("storage-denied: size %s\n", name(get_size(&value)));
  printf("storage-denied: read %s\n", name(read_at(0, buffer, sizeof buffer, &value)));
  printf("storage-denied: write %s\n", name(write_at(0, buffer, sizeof buffer, &value)));
  return 0;
}

#else

#define LETTER (STRINGIFY(STORAGE_LETTER)[0])

static int fail(const char* what, uint32_t status) {
  printf("storage-%c: %s failed: %s\n", LETTER, what, name(status));
  return 1;
}

int main(void) {
  char letter = LETTER;
  if (!keel_driver_exists(kDriver)) {
    printf("storage-%c: no isolated storage\n", letter);
    return 0;
  }
  uint32_t size = 0;
  uint32_t status = get_size(&size);
  if (status != KEEL_OK) return fail("size", status);
  printf("storage-%c: size %lu\n", letter, (unsigned long)size);

  char line[32];
  uint32_t count = 0;
  status = read_at(0, line, sizeof line, &count);
  if (status != KEEL_OK) return fail("read", status);
  line[sizeof line - 1] = '\0';
  unsigned boot = 0;
  if (strncmp(line, "keel-", 5) == 0 && memchr(line, '\0', sizeof line) != NULL) {
    printf("storage-%c: found: %s\n", letter, line);
    char found_letter = 0;
    if (sscanf(line, "keel-%c boot %u", &found_letter, &boot) != 2 || found_letter != letter) {
      printf("storage-%c: that is not mine\n", letter);
    }
  } else {
    printf("storage-%c: found nothing\n", letter);
  }

  char next[32];
  memset(next, 0, sizeof next);
  snprintf(next, sizeof next, "keel-%c boot %u", letter, boot + 1);
  status = write_at(0, next, sizeof next, &count);
  if (status != KEEL_OK) return fail("write", status);
  char back[32];
  memset(back, 0xee, sizeof back);
  status = read_at(0, back, sizeof back, &count);
  if (status != KEEL_OK) return fail("read back", status);
  if (count != sizeof back || memcmp(back, next, sizeof next) != 0) {
    printf("storage-%c: read back differs\n", letter);
    return 1;
  }
  printf("storage-%c: stored: %s\n", letter, next);

  // The last bytes of the region are the app's; one byte further is not.
  unsigned char tail[8] = {1, 2, 3, 4, 5, 6, 7, (unsigned char)letter};
  unsigned char tail_back[8] = {0};
  status = write_at(size - sizeof tail, tail, sizeof tail, &count);
  if (status != KEEL_OK) return fail("write at the end", status);
  status = read_at(size - sizeof tail, tail_back, sizeof tail_back, &count);
  if (status != KEEL_OK || memcmp(tail, tail_back, sizeof tail) != 0) return fail("read at the end", status);
  printf("storage-%c: end of region ok\n", letter);
  printf("storage-%c: read past the end %s\n", letter, name(read_at(size - 2, tail_back, 4, &count)));
  printf("storage-%c: write at the end %s\n", letter, name(write_at(size, tail, 1, &count)));
  printf("storage-%c: write at offset -1 %s\n", letter, name(write_at(0xffffffffU, tail, 1, &count)));
  printf("storage-%c: read of nothing %s\n", letter, name(read_at(0, tail_back, 0, &count)));
  // The region itself is unchanged by the refused calls.
  status = read_at(0, back, sizeof back, &count);
  if (status != KEEL_OK || memcmp(back, next, sizeof next) != 0) return fail("read after refusals", status);
  printf("storage-%c: done\n", letter);
  return 0;
}

#endif
