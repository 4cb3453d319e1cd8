// SPDX-License-Identifier: Apache-2.0
#include "capsules/escape_67_regs.h"

namespace keel::capsules {

void escape_67_poke(uint32_t address, uint32_t value) { escape_67_register(address) = value; }

}  // namespace keel::capsules
