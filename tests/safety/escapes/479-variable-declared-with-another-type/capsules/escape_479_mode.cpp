// SPDX-License-Identifier: Apache-2.0
// The radio's mode byte, kept for the whole kernel's life.
#include <stdint.h>

namespace keel::capsules {

constinit uint8_t radio_mode_479 = 0;

uint32_t radio_mode_byte_479() { return radio_mode_479; }

}  // namespace keel::capsules
