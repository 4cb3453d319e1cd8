// SPDX-License-Identifier: Apache-2.0
#include "boards/qemu-virt-rv32/escape_131.h"

#include "kernel/core/static_init.h"

namespace keel::boards::qemu_virt_rv32 {

StaticRef<DeferredAction131<CountDown131> const> escape_131_wire(uint32_t& counter) {
  return KEEL_STATIC_INIT(DeferredAction131<CountDown131> const, escape_131_count_down(counter));
}

}  // namespace keel::boards::qemu_virt_rv32
