// SPDX-License-Identifier: Apache-2.0
// A scratch-register driver: a corrupted index hands the console to the panic writer and stops.
#include "capsules/escape_147_fatal.h"
#include "kernel/core/array.h"

namespace keel::capsules {

uint32_t scratch_command_147(StaticRef<hil::uart::PanicWriter const> writer, uint32_t index, uint32_t value) {
  Array<uint32_t, 4> scratch{};
  if (index >= scratch.size()) { set_panic_writer(writer); }
  scratch[index] = value;
  return scratch[0];
}

}  // namespace keel::capsules
