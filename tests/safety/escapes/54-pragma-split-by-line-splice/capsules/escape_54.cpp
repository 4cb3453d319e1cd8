// SPDX-License-Identifier: Apache-2.0
#include "capsules/escape_54_regs.h"

namespace keel::capsules {

void escape_54_poke(uint32_t address, uint32_t value) { escape_54_register(address) = value; }

}  // namespace keel::capsules
