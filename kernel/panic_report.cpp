// SPDX-License-Identifier: Apache-2.0
// The words of a kernel panic, written synchronously through the polled UART (the panic path cannot rely on
// interrupts), after what the debug writer still holds.
#include "kernel/core/cell.h"
#include "kernel/panic_path.h"
#include "kernel/writer.h"

namespace keel {
namespace {

// Global because the panic entry takes no context: any kernel code may panic. Constant-initialised, so a panic
// before the wiring sets them finds them empty (and reports nothing) rather than unconstructed.
constinit Cell<OptionalStaticRef<hil::uart::PanicWriter const>> panic_writer{};
constinit Cell<OptionalStaticRef<DebugWriter const>> panic_debug{};

class PolledWriter final : public Writer {
 public:
  explicit PolledWriter(StaticRef<hil::uart::PanicWriter const> out) : out_(out) {}
  void write(Slice<char const> text) const override { out_->write_polled(as_bytes(text)); }

 private:
  StaticRef<hil::uart::PanicWriter const> out_;
};

}  // namespace

void set_panic_writer(StaticRef<hil::uart::PanicWriter const> writer) { panic_writer.set(writer); }
void set_panic_debug(StaticRef<DebugWriter const> debug) { panic_debug.set(debug); }

void report_panic(Slice<char const> file, int line, Slice<char const> why, bool with_values, uint32_t a, uint32_t b,
                  uint32_t c) {
  OptionalStaticRef<hil::uart::PanicWriter const> const writer = panic_writer.get();
  if (writer.is_none()) { return; }
  OptionalStaticRef<DebugWriter const> const debug = panic_debug.get();
  if (debug.is_some()) { debug.get().flush_polled(writer.get()); }
  PolledWriter const out(writer.value());
  out.str("\nKernel panic at ").text(file);
  out.str(":").dec(static_cast<uint32_t>(line)).str(": ").text(why);
  if (with_values) { out.str(" ").hex(a).str(" ").hex(b).str(" ").hex(c); }
  out.str("\n");
}

}  // namespace keel
