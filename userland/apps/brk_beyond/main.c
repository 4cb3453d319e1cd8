// SPDX-License-Identifier: Apache-2.0
// Misbehaving: asks brk for a break 1 MiB past its RAM block (must be refused with NOMEM), then touches memory beyond
// its break, which must fault. The first touch is the byte at the break; a PMP region rounded up to its granularity
// may still cover it, so if that survives it writes into the grant region (kernel memory), which must fault.
#include <stdint.h>
#include <stdio.h>

#include "keel/calls.h"
#include "keel/runtime.h"

int main(void) {
  uintptr_t wanted = keel_get_start_info()->mem_start + 0x100000u;
  printf("brk_beyond: asking brk for 0x%08x, far past its RAM block\n", (unsigned)wanted);
  keel_status status = keel_brk((void*)wanted);
  if (status == KEEL_OK) {
    printf("brk_beyond: ERROR: brk accepted\n");
    return 1;
  }
  printf("brk_beyond: brk rejected with %s (%d)\n", keel_status_name(status), (int)status);

  void* brk = NULL;
  status = keel_sbrk(0, &brk);
  if (status != KEEL_OK) {
    // Nothing here moved the break since crt0 did, so its value serves as well.
    brk = (void*)keel_get_start_info()->app_break;
    printf("brk_beyond: sbrk(0) failed with %s (%d); using crt0's break\n", keel_status_name(status), (int)status);
  }
  printf("brk_beyond: writing at its break 0x%08x\n", (unsigned)(uintptr_t)brk);
  *(volatile uint32_t*)brk = 0xDEADBEEF;
  uintptr_t grant = (uintptr_t)keel_grant_start();
  printf("brk_beyond: no fault at the break; writing into the grant region at 0x%08x\n", (unsigned)grant);
  *(volatile uint32_t*)grant = 0xDEADBEEF;
  printf("brk_beyond: ERROR: the write into the grant region was not stopped\n");
  return 1;
}
