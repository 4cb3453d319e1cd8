// SPDX-License-Identifier: Apache-2.0
// Syscall misuse: subscribes an upcall whose function lies in kernel memory (the kernel image: 0x80000000 on
// qemu-virt-rv32, 0x00001000 on mps2-an386). The kernel must refuse
// with INVAL: prints "subscribe_kernel: rejected with INVAL (6)" and exits 0 (1 if accepted, 2 for another error).
#include <stdint.h>
#include <stdio.h>

#include "keel/alarm.h"
#include "keel/calls.h"
#include "keel_board.h"

int main(void) {
  const uintptr_t address = KEEL_BOARD_KERNEL_IMAGE;
  printf("subscribe_kernel: subscribing an upcall at kernel address 0x%08x\n", (unsigned)address);
  keel_status status = keel_subscribe(KEEL_DRIVER_ALARM, KEEL_ALARM_UPCALL_FIRED, (keel_upcall_fn)address, NULL);
  if (status == KEEL_OK) {
    printf("subscribe_kernel: ERROR: accepted\n");
    return 1;
  }
  printf("subscribe_kernel: rejected with %s (%d)\n", keel_status_name(status), (int)status);
  return status == KEEL_ERR_INVAL ? 0 : 2;
}
