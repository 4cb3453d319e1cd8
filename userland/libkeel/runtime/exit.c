// SPDX-License-Identifier: Apache-2.0
// _exit() for picolibc: exit() and abort() end here after atexit handlers and destructors.
#include <unistd.h>

#include "keel/calls.h"
#include "keel/runtime.h"

void _exit(int status) {
  keel_stdout_flush();
  keel_exit_terminate((uint32_t)status);
}
