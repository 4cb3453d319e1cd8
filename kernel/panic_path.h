// SPDX-License-Identifier: Apache-2.0
// The panic path every board shares: keel::panic (kernel/core/panic.h) flushes the kernel's buffered messages,
// writes the report and ends the run. The board's wiring sets the writers (static objects only, so
// they may be set, or set again, at any time) and provides the board-specific end, stop_after_panic.
#pragma once

#include "kernel/core/ref.h"
#include "kernel/core/slice.h"
#include "kernel/debug_writer.h"
#include "kernel/hil/uart.h"

namespace keel {

/// What keel::panic writes through: the polled UART, and the debug writer whose buffered bytes go out first.
void set_panic_writer(StaticRef<hil::uart::PanicWriter const> writer);
void set_panic_debug(StaticRef<DebugWriter const> debug);

/// Flushes the debug writer and writes the panic message through the panic writer, if one is set
/// (kernel/panic_report.cpp); the panic path ends the run after.
void report_panic(Slice<char const> file, int line, Slice<char const> why, bool with_values, uint32_t a, uint32_t b,
                  uint32_t c);

/// Provided by the board's wiring: ends the run after a panic (a QEMU exit with failure, else wait forever). Never returns (clang's
/// -Winvalid-noreturn holds the definition to that) and never reaches the panic report (tools/stack-depth proves it).
[[noreturn]] void stop_after_panic();

}  // namespace keel
