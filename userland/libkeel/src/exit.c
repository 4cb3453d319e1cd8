// SPDX-License-Identifier: Apache-2.0
// Exit (class 6).
#include "keel/calls.h"

enum { kExitTerminate = 0, kExitRestart = 1 };

static KEEL_NORETURN void exit_with(uint32_t variant, uint32_t completion_code) {
  (void)keel_syscall(KEEL_CLASS_EXIT, variant, completion_code, 0, 0);
  // A kernel that follows the ABI never returns here; if one does, sleep rather than run off the end.
  for (;;) keel_yield_wait();
}

void keel_exit_terminate(uint32_t completion_code) { exit_with(kExitTerminate, completion_code); }

void keel_exit_restart(uint32_t completion_code) { exit_with(kExitRestart, completion_code); }
