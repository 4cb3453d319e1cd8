// SPDX-License-Identifier: Apache-2.0
// Demo: Tock's LED driver (0x2). Counts the board's LEDs, then walks a pattern over them (each on, then all
// toggled, then each off), 50 ms apart, saying what it set. A board without LEDs answers NODEVICE.
#include <stdio.h>

#include "keel/alarm.h"
#include "keel/calls.h"

#define LED_DRIVER 0x2

static void step(const char* what, uint32_t command, uint32_t led) {
  keel_status status = keel_command(LED_DRIVER, command, led, 0);
  printf("blink: %s %lu: %s\n", what, (unsigned long)led, status == KEEL_OK ? "ok" : keel_status_name(status));
  keel_delay_ms(50);
}

int main(void) {
  uint32_t count = 0;
  keel_status status = keel_command_u32(LED_DRIVER, 0, 0, 0, &count);
  if (status != KEEL_OK) {
    printf("blink: no LEDs (%s)\n", keel_status_name(status));
    return 0;
  }
  printf("blink: %lu LEDs\n", (unsigned long)count);
  for (uint32_t led = 0; led < count; ++led) step("on", 1, led);
  for (uint32_t led = 0; led < count; ++led) step("toggle", 3, led);
  for (uint32_t led = 0; led < count; ++led) step("off", 2, led);
  step("on past the last LED", 1, count);
  return 0;
}
