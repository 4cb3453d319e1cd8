// SPDX-License-Identifier: Apache-2.0
// The two user LEDs of the mps2-an386 FPGAIO block behind hil::led::Leds: index 0 is LED0 (bit 0 of the LED
// register), index 1 is LED1 (bit 1). Active high, no set-up needed; each call is one read-modify-write of the LED
// register (which reads back what was written), so the other LED keeps its state.
//
// Setup (board):
//   auto& leds = KEEL_STATIC_INIT(FpgaioLeds, mmio::map_registers<FpgaioRegisters>(<FPGAIO base>));
//   then hand `leds` to capsules::LedDriver.
#pragma once

#include "chips/mps2-an386/fpgaio_registers.h"
#include "kernel/core/ref.h"
#include "kernel/hil/led.h"

namespace keel::chips::mps2_an386 {

class FpgaioLeds final : public hil::led::Leds {
 public:
  static constexpr usize kLedCount = 2;

  explicit FpgaioLeds(StaticRef<FpgaioRegisters> registers) : registers_(registers) {}
  FpgaioLeds(FpgaioLeds const&) = delete;
  FpgaioLeds& operator=(FpgaioLeds const&) = delete;

  usize count() const override { return kLedCount; }
  Result<void> on(usize index) const override;
  Result<void> off(usize index) const override;
  Result<void> toggle(usize index) const override;
  Result<bool> read(usize index) const override;

 private:
  StaticRef<FpgaioRegisters> registers_;
};

}  // namespace keel::chips::mps2_an386
