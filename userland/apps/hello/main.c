// SPDX-License-Identifier: Apache-2.0
// The smallest app: one line through printf (one console write), then a clean exit with code 0.
#include <stdio.h>

int main(void) {
  printf("Hello from Keel!\n");
  return 0;
}
