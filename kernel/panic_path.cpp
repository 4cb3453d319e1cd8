// SPDX-License-Identifier: Apache-2.0
// The panic entry every board shares. The report itself (kernel/panic_report.cpp) is in a unit of its own: it calls
// ordinary kernel code that may panic, and that re-entry, the one the stack analysis allows, goes through the guard
// below.
#include "kernel/panic_path.h"

#include "kernel/core/panic.h"

namespace keel {

// The kernel's one sanctioned re-entry (tools/stack-depth knows these two names): reporting a panic runs ordinary
// kernel code (the debug writer, the UART driver), which may itself panic. The second time round nothing more is
// reported: the run just ends (stop_after_panic). So the panic path is bounded, and the stack analysis can prove it.
[[noreturn, gnu::noinline]] void report_panic_once(PanicText file, int line, PanicText why, bool with_values,
                                                   uint32_t a, uint32_t b, uint32_t c) {
  static constinit bool reporting = false;
  if (reporting) { stop_after_panic(); }
  reporting = true;
  report_panic(file.text().slice(), line, why.text().slice(), with_values, a, b, c);
  stop_after_panic();
}

[[noreturn]] void panic(PanicText file, int line, PanicText why) { report_panic_once(file, line, why, false, 0, 0, 0); }
[[noreturn]] void panic_with_values(PanicText file, int line, PanicText why, uint32_t a, uint32_t b, uint32_t c) {
  report_panic_once(file, line, why, true, a, b, c);
}

}  // namespace keel
