// SPDX-License-Identifier: Apache-2.0
// Low-level debug driver wrappers.
#include "keel/low_level_debug.h"

keel_status keel_debug_alert(uint32_t code) {
  return keel_command(KEEL_DRIVER_LOW_LEVEL_DEBUG, KEEL_LOW_LEVEL_DEBUG_COMMAND_ALERT, code, 0);
}

keel_status keel_debug_print_1(uint32_t a) {
  return keel_command(KEEL_DRIVER_LOW_LEVEL_DEBUG, KEEL_LOW_LEVEL_DEBUG_COMMAND_PRINT_1, a, 0);
}

keel_status keel_debug_print_2(uint32_t a, uint32_t b) {
  return keel_command(KEEL_DRIVER_LOW_LEVEL_DEBUG, KEEL_LOW_LEVEL_DEBUG_COMMAND_PRINT_2, a, b);
}
