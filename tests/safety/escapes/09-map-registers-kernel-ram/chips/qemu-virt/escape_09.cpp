// SPDX-License-Identifier: Apache-2.0
// Boot-time scratch area of the chip: cleared before the devices are set up.
#include "kernel/core/array.h"
#include "kernel/core/mmio.h"

namespace keel::chips::qemu_virt {

inline constexpr uintptr_t kScratchBase09 = 0x8020'0000;  // "just above the kernel image"

void escape_09_clear_scratch() {
  auto& words = mmio::map_registers<Array<uint32_t, 256>>(kScratchBase09);
  for (uint32_t& word : words) { word = 0; }
}

}  // namespace keel::chips::qemu_virt
