// SPDX-License-Identifier: Apache-2.0
// The words of a kernel panic, written synchronously through the polled UART (the panic path cannot rely on
// interrupts).
#include "kernel/panic_path.h"
#include "kernel/writer.h"

namespace keel {
namespace {

class PolledWriter final : public Writer {
 public:
  explicit PolledWriter(StaticRef<hil::uart::PanicWriter const> out) : out_(out) {}
  void write(Slice<char const> text) const override { out_->write_polled(as_bytes(text)); }

 private:
  StaticRef<hil::uart::PanicWriter const> out_;
};

}  // namespace

void report_panic(StaticRef<hil::uart::PanicWriter const> writer, Slice<char const> file, int line,
                  Slice<char const> why, bool with_values, uint32_t a, uint32_t b, uint32_t c) {
  PolledWriter const out(writer);
  out.str("\nKernel panic at ").text(file);
  out.str(":").dec(static_cast<uint32_t>(line)).str(": ").text(why);
  if (with_values) { out.str(" ").hex(a).str(" ").hex(b).str(" ").hex(c); }
  out.str("\n");
}

}  // namespace keel
