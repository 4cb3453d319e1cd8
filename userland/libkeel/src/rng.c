// SPDX-License-Identifier: Apache-2.0
// RNG driver wrappers.
#include "keel/rng.h"

// A driver that keeps answering "0 bytes" is treated as broken after this many tries instead of spinning forever.
enum { kMaxEmptyAnswers = 16 };

keel_status keel_rng_fill(void* buffer, size_t length) {
  uint8_t* next = (uint8_t*)buffer;
  unsigned empty_answers = 0;
  keel_status status = KEEL_OK;
  while (length > 0 && status == KEEL_OK) {
    status = keel_allow_rw(KEEL_DRIVER_RNG, KEEL_RNG_ALLOW_RW_BUFFER, next, length);
    if (status != KEEL_OK) break;
    status = keel_command(KEEL_DRIVER_RNG, KEEL_RNG_COMMAND_FILL, (uint32_t)length, 0);
    if (status != KEEL_OK) break;
    keel_upcall_args done = keel_yield_wait_for(KEEL_DRIVER_RNG, KEEL_RNG_UPCALL_DONE);
    if (done.arg1 > length) status = KEEL_ERR_FAIL;
    else if (done.arg1 == 0 && ++empty_answers >= kMaxEmptyAnswers) status = KEEL_ERR_FAIL;
    else {
      next += done.arg1;
      length -= done.arg1;
    }
  }
  (void)keel_allow_rw(KEEL_DRIVER_RNG, KEEL_RNG_ALLOW_RW_BUFFER, NULL, 0);
  return status;
}

keel_status keel_rng_fill_async(void* buffer, size_t length, keel_upcall_fn done, void* appdata) {
  keel_status status = keel_subscribe(KEEL_DRIVER_RNG, KEEL_RNG_UPCALL_DONE, done, appdata);
  if (status != KEEL_OK) return status;
  status = keel_allow_rw(KEEL_DRIVER_RNG, KEEL_RNG_ALLOW_RW_BUFFER, buffer, length);
  if (status != KEEL_OK) return status;
  return keel_command(KEEL_DRIVER_RNG, KEEL_RNG_COMMAND_FILL, (uint32_t)length, 0);
}
