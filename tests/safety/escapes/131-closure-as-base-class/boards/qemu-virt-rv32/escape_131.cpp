// SPDX-License-Identifier: Apache-2.0
#include "boards/qemu-virt-rv32/escape_131.h"

namespace keel::boards::qemu_virt_rv32 {

StaticRef<DeferredAction131<CountDown131> const> escape_131_bring_up() {
  uint32_t retries = 3;  // meant to be a static counter
  return escape_131_wire(retries);
}

void escape_131_main_loop() {
  StaticRef<DeferredAction131<CountDown131> const> const deferred = escape_131_bring_up();
  deferred->run();  // bring_up's frame is gone: writes the dead `retries` slot
}

}  // namespace keel::boards::qemu_virt_rv32
