// SPDX-License-Identifier: Apache-2.0
// The command decoder: the radio's mode register is a whole word.
#define KEEL_MODE_WIDE_470
#include "capsules/escape_470_mode.h"

namespace keel::capsules {

void decode_mode_470(uint32_t word, RadioMode470& mode) { mode = static_cast<RadioMode470>(word); }

}  // namespace keel::capsules
