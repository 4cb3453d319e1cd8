// SPDX-License-Identifier: Apache-2.0
// TRUSTED: walks the C strings keel::panic is given into slices, and keeps the panic writers as pointers.
#include "kernel/panic_path.h"

#include "kernel/core/panic.h"

namespace keel {
namespace {

hil::uart::PanicWriter const* panic_writer = nullptr;
DebugWriter const* panic_debug = nullptr;

Slice<char const> c_string(char const* text) {
  usize length = 0;
  while (text[length] != '\0') { ++length; }
  return Slice<char const>::from_raw_parts(text, length);
}

}  // namespace

void set_panic_writer(StaticRef<hil::uart::PanicWriter const> writer) { panic_writer = &writer.get(); }
void set_panic_debug(StaticRef<DebugWriter const> debug) { panic_debug = &debug.get(); }

// The kernel's one sanctioned re-entry (tools/stack-depth knows these two names): reporting a panic runs ordinary
// kernel code (the debug writer, the UART driver), which may itself panic. The second time round nothing more is
// reported: the run just ends (stop_after_panic). So the panic path is bounded, and the stack analysis can prove it.
[[noreturn, gnu::noinline]] void report_panic_once(char const* file, int line, char const* why, bool with_values,
                                                   uint32_t a, uint32_t b, uint32_t c) {
  static constinit bool reporting = false;
  if (reporting) { stop_after_panic(); }
  reporting = true;
  if (panic_writer != nullptr) {
    if (panic_debug != nullptr) { panic_debug->flush_polled(*panic_writer); }
    report_panic(StaticRef<hil::uart::PanicWriter const>::assume_static(*panic_writer), c_string(file), line,
                 c_string(why), with_values, a, b, c);
  }
  stop_after_panic();
}

[[noreturn]] void panic(char const* file, int line, char const* why) {
  report_panic_once(file, line, why, false, 0, 0, 0);
}
[[noreturn]] void panic_with_values(char const* file, int line, char const* why, uint32_t a, uint32_t b, uint32_t c) {
  report_panic_once(file, line, why, true, a, b, c);
}

}  // namespace keel
