// SPDX-License-Identifier: Apache-2.0
// Syscall misuse: a read-write allow of kernel memory (the console's receive buffer pointed at the kernel image,
// 0x80000000 on qemu-virt-rv32, 0x00001000 on mps2-an386). The
// kernel must refuse with INVAL and keep running us: prints "allow_kernel: rejected with INVAL (6)" and exits 0.
// Exits 1 if the allow was accepted, 2 if it was refused with another code or return variant.
#include <stdint.h>
#include <stdio.h>

#include "keel/calls.h"
#include "keel/console.h"
#include "keel_board.h"

int main(void) {
  const uint32_t address = KEEL_BOARD_KERNEL_IMAGE;
  printf("allow_kernel: read-write allow of kernel memory at 0x%08x\n", (unsigned)address);
  keel_syscall_return r =
      keel_syscall(KEEL_CLASS_ALLOW_RW, KEEL_DRIVER_CONSOLE, KEEL_CONSOLE_ALLOW_RW_READ, address, 64);
  keel_status status = keel_decode_2_u32_strict(r);
  if (status == KEEL_OK) {
    printf("allow_kernel: ERROR: accepted\n");
    return 1;
  }
  printf("allow_kernel: rejected with %s (%d)\n", keel_status_name(status), (int)status);
  return status == KEEL_ERR_INVAL ? 0 : 2;
}
