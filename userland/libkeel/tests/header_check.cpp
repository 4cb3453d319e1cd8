// SPDX-License-Identifier: Apache-2.0
// Compile-only: libkeel's headers must be usable from C++ (extern "C", no C-only syntax in inline functions).
#include "keel.h"

namespace {

[[maybe_unused]] void upcall(int, int, int, void*) {}
[[maybe_unused]] void on_timer(keel_timer*, uint32_t, uint32_t, void*) {}

[[maybe_unused]] keel_status use_everything() {
  keel_syscall_return r = keel_syscall(KEEL_CLASS_COMMAND, KEEL_DRIVER_CONSOLE, 0, 0, 0);
  (void)r;
  uint32_t hertz = 0;
  (void)keel_alarm_frequency(&hertz);
  (void)keel_subscribe(KEEL_DRIVER_ALARM, KEEL_ALARM_UPCALL_FIRED, upcall, nullptr);
  static keel_timer timer;
  (void)keel_timer_every_ms(&timer, 10, on_timer, nullptr);
  keel_console_set_echo(false);
  char line[8];
  (void)keel_console_read_line(line, sizeof line, nullptr);
  return keel_debug_print_1(static_cast<uint32_t>(keel_yield_wait_for(KEEL_DRIVER_RNG, KEEL_RNG_UPCALL_DONE).arg1));
}

}  // namespace
