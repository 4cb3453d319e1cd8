// SPDX-License-Identifier: Apache-2.0
// Reuses the host tests' poke helper for the device reset sequence.
#include "tests/host/chips/escape_64_poke.h"
#include "kernel/core/types.h"

namespace keel::chips::qemu_virt {

void escape_64_reset(uintptr_t base) { escape_64_poke(base + 0x70, 0); }

}  // namespace keel::chips::qemu_virt
