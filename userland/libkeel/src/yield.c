// SPDX-License-Identifier: Apache-2.0
// Yield (class 0): the only place an upcall can run.
#include "keel/calls.h"

enum { kYieldNoWait = 0, kYieldWait = 1, kYieldWaitFor = 2 };

bool keel_yield_no_wait(void) {
  // The kernel writes 1 here when it ran an upcall and 0 when it did not; volatile because the write happens behind
  // the compiler's back, inside the ecall.
  volatile uint8_t ran = 0;
  (void)keel_syscall_yield(kYieldNoWait, (uint32_t)(uintptr_t)&ran, 0);
  return ran != 0;
}

void keel_yield_wait(void) { (void)keel_syscall_yield(kYieldWait, 0, 0); }

keel_upcall_args keel_yield_wait_for(uint32_t driver, uint32_t subscribe_number) {
  keel_syscall_return r = keel_syscall_yield(kYieldWaitFor, driver, subscribe_number);
  // Wait-for returns the upcall's arguments raw in a0-a2, not a variant.
  keel_upcall_args args = {r.variant, r.r1, r.r2};
  return args;
}
