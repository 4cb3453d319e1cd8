// SPDX-License-Identifier: Apache-2.0
#include "kernel/panic_path.h"

#include "kernel/core/cell.h"
#include "kernel/core/panic.h"

namespace keel {
namespace {

// Global because the panic entry takes no context: any kernel code may panic. Constant-initialised, so a panic
// before the wiring sets them finds them empty (and reports nothing) rather than unconstructed.
constinit Cell<OptionalStaticRef<hil::uart::PanicWriter const>> panic_writer{};
constinit Cell<OptionalStaticRef<DebugWriter const>> panic_debug{};

}  // namespace

void set_panic_writer(StaticRef<hil::uart::PanicWriter const> writer) { panic_writer.set(writer); }
void set_panic_debug(StaticRef<DebugWriter const> debug) { panic_debug.set(debug); }

// The kernel's one sanctioned re-entry (tools/stack-depth knows these two names): reporting a panic runs ordinary
// kernel code (the debug writer, the UART driver), which may itself panic. The second time round nothing more is
// reported: the run just ends (stop_after_panic). So the panic path is bounded, and the stack analysis can prove it.
[[noreturn, gnu::noinline]] void report_panic_once(PanicText file, int line, PanicText why, bool with_values,
                                                   uint32_t a, uint32_t b, uint32_t c) {
  static constinit bool reporting = false;
  if (reporting) { stop_after_panic(); }
  reporting = true;
  OptionalStaticRef<hil::uart::PanicWriter const> const writer = panic_writer.get();
  if (writer.is_some()) {
    OptionalStaticRef<DebugWriter const> const debug = panic_debug.get();
    if (debug.is_some()) { debug.get().flush_polled(writer.get()); }
    report_panic(writer.value(), file.text().slice(), line, why.text().slice(), with_values, a, b, c);
  }
  stop_after_panic();
}

[[noreturn]] void panic(PanicText file, int line, PanicText why) { report_panic_once(file, line, why, false, 0, 0, 0); }
[[noreturn]] void panic_with_values(PanicText file, int line, PanicText why, uint32_t a, uint32_t b, uint32_t c) {
  report_panic_once(file, line, why, true, a, b, c);
}

}  // namespace keel
