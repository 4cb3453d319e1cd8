// SPDX-License-Identifier: Apache-2.0
// LED hardware interface: a fixed set of on/off LEDs, indexed from 0, each switched synchronously. How an index maps
// to a physical LED (and whether the LED is active high or low) is the implementation's business: on() always
// means lit.
//
// Every call checks its index: an index >= count() changes nothing and answers Inval, so a caller's range check is
// a convenience, never what keeps another LED (or another register bit) from being touched.
#pragma once

#include "kernel/core/result.h"
#include "kernel/core/types.h"

namespace keel::hil::led {

class Leds {
 public:
  /// How many LEDs there are; valid indices are 0 .. count() - 1.
  virtual usize count() const = 0;
  /// Lights LED `index`. Errors: Inval (no such LED).
  virtual Result<void> on(usize index) const = 0;
  /// Turns LED `index` off. Errors: Inval.
  virtual Result<void> off(usize index) const = 0;
  /// Inverts LED `index`. Errors: Inval.
  virtual Result<void> toggle(usize index) const = 0;
  /// Whether LED `index` is lit. Errors: Inval.
  virtual Result<bool> read(usize index) const = 0;

 protected:
  ~Leds() = default;
};

}  // namespace keel::hil::led
