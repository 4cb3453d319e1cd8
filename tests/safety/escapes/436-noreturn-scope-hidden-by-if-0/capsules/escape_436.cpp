// SPDX-License-Identifier: Apache-2.0
// A scratch-register driver: a corrupted index hands the console to the panic writer and stops.
#include "kernel/core/array.h"
#include "kernel/core/ref.h"
#include "kernel/hil/uart.h"

namespace keel {
#if 0  // the panic writer's own state, once it moves here from panic_report.cpp
class PanicWriterState {
#endif
/// Switches output to the panic writer for good.
[[noreturn]] void set_panic_writer(StaticRef<hil::uart::PanicWriter const> writer);
#if 0
};
#endif
}  // namespace keel

namespace keel::capsules {

class Scratch436 {
 public:
  explicit Scratch436(StaticRef<hil::uart::PanicWriter const> writer) : writer_(writer) {}

  uint32_t command(uint32_t index, uint32_t value) const {
    Array<uint32_t, 4> scratch{};
    if (index >= scratch.size()) { set_panic_writer(writer_); }
    scratch[index] = value;
    return scratch[0];
  }

 private:
  StaticRef<hil::uart::PanicWriter const> writer_;
};

uint32_t scratch_command_436(Scratch436 const& scratch, uint32_t index, uint32_t value) {
  return scratch.command(index, value);
}

}  // namespace keel::capsules
