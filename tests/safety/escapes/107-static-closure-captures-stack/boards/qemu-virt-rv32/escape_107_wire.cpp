// SPDX-License-Identifier: Apache-2.0
#include "boards/qemu-virt-rv32/escape_107.h"

#include "kernel/core/static_init.h"

namespace keel::boards::qemu_virt_rv32 {

StaticRef<DeferredAction107<CountDown107> const> escape_107_wire(uint32_t& counter) {
  return KEEL_STATIC_INIT(DeferredAction107<CountDown107> const, escape_107_count_down(counter));
}

}  // namespace keel::boards::qemu_virt_rv32
