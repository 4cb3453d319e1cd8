// SPDX-License-Identifier: Apache-2.0
// Check: an upcall delivered in a yield returns to the yield's stack exactly as it was. On Cortex-M the hardware
// pads a system call's exception frame by a word when sp is 4 mod 8 (and notes it in xPSR bit 9); a kernel that
// drops that note when it redirects the frame to the upcall leaves sp a word off after the upcall returns. This app
// yields with sp = 4 mod 8 on purpose and checks sp afterwards. (On RISC-V there is no such frame: a plain yield.)
#include <stdint.h>
#include <stdio.h>

#include "keel/alarm.h"
#include "keel/calls.h"

static volatile int fired;

static void on_alarm(int now, int expiration, int unused, void* appdata) {
  (void)now;
  (void)expiration;
  (void)unused;
  (void)appdata;
  fired = 1;
}

int main(void) {
  if (keel_alarm_subscribe(on_alarm, NULL) != KEEL_OK) return 1;
  uint32_t expiration = 0;
  if (keel_alarm_set_relative(1000, &expiration) != KEEL_OK) return 1;
#if defined(__arm__)
  uint32_t expected = 0;
  uint32_t after = 0;
  while (!fired) {
    __asm__ volatile(
        "mov r4, sp\n"
        "bic r1, r4, #7\n"
        "sub r1, r1, #4\n"  // sp = 4 mod 8 at the svc: the hardware pads the frame
        "mov sp, r1\n"
        "mov %0, r1\n"
        "movs r0, #1\n"     // yield-wait
        "svc 0\n"
        "mov %1, sp\n"
        "mov sp, r4\n"
        : "=&r"(expected), "=&r"(after)
        :
        : "r0", "r1", "r2", "r3", "r4", "r12", "lr", "memory", "cc");
  }
  if (after != expected) {
    printf("upcall_alignment: sp after the upcall %08lx, expected %08lx\n", (unsigned long)after,
           (unsigned long)expected);
    return 1;
  }
#else
  while (!fired) keel_yield_wait();
#endif
  printf("upcall_alignment: the upcall returned to the yield's own stack\n");
  return 0;
}
