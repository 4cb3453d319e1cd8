// SPDX-License-Identifier: Apache-2.0
#include "capsules/escape_62_regs.H"

namespace keel::capsules {

void escape_62_poke(uint32_t address, uint32_t value) { escape_62_register(address) = value; }

}  // namespace keel::capsules
