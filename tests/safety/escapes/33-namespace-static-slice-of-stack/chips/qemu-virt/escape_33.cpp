// SPDX-License-Identifier: Apache-2.0
// Receive staging of a UART-like driver.
#include "kernel/core/array.h"
#include "kernel/core/slice.h"

namespace keel::chips::qemu_virt {

Slice<uint8_t> escape_33_staging{};

void escape_33_start_receive() {
  Array<uint8_t, 16> staging{};
  escape_33_staging = staging.as_slice();
}

void escape_33_byte_arrived(usize position, uint8_t byte) {
  if (position < escape_33_staging.size()) { escape_33_staging[position] = byte; }
}

}  // namespace keel::chips::qemu_virt
