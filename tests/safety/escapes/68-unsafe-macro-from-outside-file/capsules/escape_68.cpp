// SPDX-License-Identifier: Apache-2.0
#include "userland/libkeel/include/keel/escape_68_bits.h"
#include "kernel/core/types.h"

namespace keel::capsules {

void escape_68_poke(uint32_t address, uint32_t value) { ESCAPE_68_WORD(address) = value; }

}  // namespace keel::capsules
