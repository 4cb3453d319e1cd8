// SPDX-License-Identifier: Apache-2.0
// Low-level debug driver (0x8): the kernel prints a line naming this app and one or two numbers.
//
// Usage: needs no allow, subscribe or RAM, so it works before the runtime is up (crt0 uses it for start-up errors)
// and when stdio is broken.
#ifndef KEEL_LOW_LEVEL_DEBUG_H
#define KEEL_LOW_LEVEL_DEBUG_H

#include <stdint.h>

#include "keel/calls.h"

#ifdef __cplusplus
extern "C" {
#endif

enum {
  KEEL_DRIVER_LOW_LEVEL_DEBUG = 0x8,
  KEEL_LOW_LEVEL_DEBUG_COMMAND_ALERT = 1,
  KEEL_LOW_LEVEL_DEBUG_COMMAND_PRINT_1 = 2,
  KEEL_LOW_LEVEL_DEBUG_COMMAND_PRINT_2 = 3,
};

// "LowLevelDebug: App 0x<id> alert code 0x<code>"
keel_status keel_debug_alert(uint32_t code);
// "LowLevelDebug: App 0x<id> prints 0x<a>"
keel_status keel_debug_print_1(uint32_t a);
// "LowLevelDebug: App 0x<id> prints 0x<a> 0x<b>"
keel_status keel_debug_print_2(uint32_t a, uint32_t b);

#ifdef __cplusplus
}
#endif

#endif  // KEEL_LOW_LEVEL_DEBUG_H
