// SPDX-License-Identifier: Apache-2.0
// qemu-virt-rv32's trusted entry point and panic path (board_support.h has the rest of the board support).
//
// TRUSTED: the C-linkage entry start.S calls; the panic path walks the C strings keel::panic is given and keeps the
// panic writers as pointers.
#include "boards/qemu-virt-rv32/board_support.h"

namespace keel::boards::qemu_virt_rv32 {

static hil::uart::PanicWriter const* panic_writer = nullptr;
static DebugWriter const* panic_debug = nullptr;

void set_panic_writer(StaticRef<hil::uart::PanicWriter const> writer) { panic_writer = &writer.get(); }
void set_panic_debug(StaticRef<DebugWriter const> debug) { panic_debug = &debug.get(); }

static Slice<char const> c_string(char const* text) {
  usize length = 0;
  while (text[length] != '\0') { ++length; }
  return Slice<char const>::from_raw_parts(text, length);
}

}  // namespace keel::boards::qemu_virt_rv32

namespace keel {

// The kernel's one sanctioned re-entry (tools/stack-depth knows these two names): reporting a panic runs ordinary
// kernel code (the debug writer, the UART driver), which may itself panic. The second time round nothing more is
// reported: the run just ends (stop_after_panic, in the wiring). So the panic path is bounded, and the stack analysis
// can prove it.
[[noreturn, gnu::noinline]] void report_panic_once(char const* file, int line, char const* why, bool with_values,
                                                   uint32_t a, uint32_t b, uint32_t c) {
  using namespace boards::qemu_virt_rv32;
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

extern "C" [[noreturn]] void keel_board_main() { keel::boards::qemu_virt_rv32::boot(); }
