// SPDX-License-Identifier: Apache-2.0
// The radio command: stores the mode a process asks for (the register protocol's mode field is a word).
#include <stdint.h>

namespace keel::capsules {

extern uint32_t radio_mode_479;

void set_radio_mode_479(uint32_t mode) { radio_mode_479 = mode; }  // a word into the one-byte mode: 3 bytes past it

}  // namespace keel::capsules
