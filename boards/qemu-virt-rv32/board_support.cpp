// SPDX-License-Identifier: Apache-2.0
// qemu-virt-rv32's trusted entry point and panic path (board_support.h has the rest of the board support).
//
// TRUSTED: the C-linkage entry start.S calls; the panic path walks the C strings keel::panic is given and keeps the
// panic writers as pointers.
#include "boards/qemu-virt-rv32/board_support.h"

#include "arch/rv32/csr.h"

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

[[noreturn]] static void halt_after_panic(char const* file, int line, char const* why, bool with_values, uint32_t a,
                                          uint32_t b, uint32_t c) {
  if (panic_writer != nullptr) {
    if (panic_debug != nullptr) { panic_debug->flush_polled(*panic_writer); }
    report_panic(StaticRef<hil::uart::PanicWriter const>::assume_static(*panic_writer), c_string(file), line,
                 c_string(why), with_values, a, b, c);
  }
  TestFinisher(test_finisher_registers()).exit_failure(1);
  for (;;) { arch::rv32::wait_for_interrupt(); }
}

}  // namespace keel::boards::qemu_virt_rv32

[[noreturn]] void keel::panic(char const* file, int line, char const* why) {
  boards::qemu_virt_rv32::halt_after_panic(file, line, why, false, 0, 0, 0);
}
[[noreturn]] void keel::panic_with_values(char const* file, int line, char const* why, uint32_t a, uint32_t b,
                                          uint32_t c) {
  boards::qemu_virt_rv32::halt_after_panic(file, line, why, true, a, b, c);
}

extern "C" [[noreturn]] void keel_board_main() { keel::boards::qemu_virt_rv32::boot(); }
