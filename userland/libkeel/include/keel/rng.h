// SPDX-License-Identifier: Apache-2.0
// RNG driver (0x40001): random bytes from the board's entropy source.
//
// Usage: keel_rng_fill() blocks until the whole buffer is random. The async form asks once; done(0, filled, 0,
// appdata) may report fewer bytes than asked.
#ifndef KEEL_RNG_H
#define KEEL_RNG_H

#include <stddef.h>

#include "keel/calls.h"

#ifdef __cplusplus
extern "C" {
#endif

enum {
  KEEL_DRIVER_RNG = 0x40001,
  KEEL_RNG_ALLOW_RW_BUFFER = 0,
  KEEL_RNG_UPCALL_DONE = 0,
  KEEL_RNG_COMMAND_FILL = 1,
};

keel_status keel_rng_fill(void* buffer, size_t length);
keel_status keel_rng_fill_async(void* buffer, size_t length, keel_upcall_fn done, void* appdata);

#ifdef __cplusplus
}
#endif

#endif  // KEEL_RNG_H
