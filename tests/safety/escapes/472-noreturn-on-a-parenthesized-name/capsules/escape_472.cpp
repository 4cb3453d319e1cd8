// SPDX-License-Identifier: Apache-2.0
// A scratch-register driver: a corrupted index hands the console to the panic writer and stops.
#include "kernel/core/array.h"
#include "kernel/core/ref.h"
#include "kernel/hil/uart.h"

namespace keel {
/// Switches output to the panic writer for good (the name in parentheses: no macro of that name may apply).
[[noreturn]] void (set_panic_writer)(StaticRef<hil::uart::PanicWriter const> writer);
}  // namespace keel

namespace keel::capsules {

class Scratch472 {
 public:
  explicit Scratch472(StaticRef<hil::uart::PanicWriter const> writer) : writer_(writer) {}

  uint32_t command(uint32_t index, uint32_t value) const {
    Array<uint32_t, 4> scratch{};
    if (index >= scratch.size()) { set_panic_writer(writer_); }
    scratch[index] = value;
    return scratch[0];
  }

 private:
  StaticRef<hil::uart::PanicWriter const> writer_;
};

uint32_t scratch_command_472(Scratch472 const& scratch, uint32_t index, uint32_t value) {
  return scratch.command(index, value);
}

}  // namespace keel::capsules
