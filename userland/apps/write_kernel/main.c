// SPDX-License-Identifier: Apache-2.0
// Misbehaving: stores to the kernel's image (0x80000000; 0x00001000 on mps2-an386) and then to the kernel's RAM
// (0x80200000; 0x20000000 on mps2-an386). The first store must fault; the rest only runs on a kernel that failed to
// fence the process.
#include <stdint.h>
#include <stdio.h>

#include "keel_board.h"

static void store(uint32_t address, const char* what) {
  printf("write_kernel: storing to 0x%08x (%s)\n", (unsigned)address, what);
  *(volatile uint32_t*)(uintptr_t)address = 0xDEADBEEF;
  printf("write_kernel: ERROR: the store to 0x%08x was not stopped\n", (unsigned)address);
}

int main(void) {
  store(KEEL_BOARD_KERNEL_IMAGE, "kernel image");
  store(KEEL_BOARD_KERNEL_RAM, "kernel RAM");
  return 1;
}
