// SPDX-License-Identifier: Apache-2.0
// Misbehaving: stores to the kernel's image (0x80000000) and then to the kernel's RAM (0x80200000). The first store
// must fault; the rest only runs on a kernel that failed to fence the process.
#include <stdint.h>
#include <stdio.h>

static void store(uint32_t address, const char* what) {
  printf("write_kernel: storing to 0x%08x (%s)\n", (unsigned)address, what);
  *(volatile uint32_t*)(uintptr_t)address = 0xDEADBEEF;
  printf("write_kernel: ERROR: the store to 0x%08x was not stopped\n", (unsigned)address);
}

int main(void) {
  store(0x80000000u, "kernel image");
  store(0x80200000u, "kernel RAM");
  return 1;
}
