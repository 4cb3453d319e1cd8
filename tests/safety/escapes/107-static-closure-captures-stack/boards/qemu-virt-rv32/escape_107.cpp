// SPDX-License-Identifier: Apache-2.0
#include "boards/qemu-virt-rv32/escape_107.h"

namespace keel::boards::qemu_virt_rv32 {

StaticRef<DeferredAction107<CountDown107> const> escape_107_bring_up() {
  uint32_t retries = 3;  // meant to be a static counter
  return escape_107_wire(retries);
}

void escape_107_main_loop() {
  StaticRef<DeferredAction107<CountDown107> const> const deferred = escape_107_bring_up();
  deferred->run();  // bring_up's frame is gone: writes the dead `retries` slot
}

}  // namespace keel::boards::qemu_virt_rv32
