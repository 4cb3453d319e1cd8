// SPDX-License-Identifier: Apache-2.0
#include "capsules/escape_57_regs.h"

namespace keel::capsules {

void escape_57_poke(uint32_t address, uint32_t value) { escape_57_register(address) = value; }

}  // namespace keel::capsules
