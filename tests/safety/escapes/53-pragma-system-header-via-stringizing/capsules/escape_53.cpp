// SPDX-License-Identifier: Apache-2.0
#include "capsules/escape_53_regs.h"

namespace keel::capsules {

void escape_53_poke(uint32_t address, uint32_t value) { escape_53_register(address) = value; }

}  // namespace keel::capsules
