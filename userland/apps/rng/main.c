// SPDX-License-Identifier: Apache-2.0
// Prints 16 bytes from the RNG driver as hex: "rng: <32 hex digits>".
#include <stdio.h>

#include "keel/rng.h"

enum { kBytes = 16 };

int main(void) {
  unsigned char bytes[kBytes];
  keel_status status = keel_rng_fill(bytes, sizeof bytes);
  if (status != KEEL_OK) {
    printf("rng: failed with %s (%d)\n", keel_status_name(status), (int)status);
    return 1;
  }
  printf("rng: ");
  for (int i = 0; i < kBytes; ++i) printf("%02x", bytes[i]);
  printf("\n");
  return 0;
}
