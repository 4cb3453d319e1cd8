// SPDX-License-Identifier: Apache-2.0
// A blink pattern table the LED capsule and apps share.
#include <stdint.h>

extern "C" void keel_led_pattern_store(uint32_t address, uint32_t value) {
  *reinterpret_cast<uint32_t volatile*>(static_cast<uintptr_t>(address)) = value;
}
