// SPDX-License-Identifier: Apache-2.0
// A scratch-register driver: a corrupted index hands the console to the panic writer and stops.
#include "kernel/core/array.h"
#include "kernel/core/ref.h"
#include "kernel/hil/uart.h"

namespace keel /* The panic path's own entry points, declared here rather than through kernel/panic_path.h, which
                  would pull the process table's headers into this small driver; only the one it calls is named. */ {
[[noreturn]] void set_panic_writer(StaticRef<hil::uart::PanicWriter const> writer);
}  // namespace keel

namespace keel::capsules {
uint32_t scratch_333(StaticRef<hil::uart::PanicWriter const> writer, uint32_t index, uint32_t value) {
  Array<uint32_t, 4> scratch{};
  if (index >= scratch.size()) { set_panic_writer(writer); }
  scratch[index] = value;
  return scratch[0];
}
}  // namespace keel::capsules
