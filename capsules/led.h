// SPDX-License-Identifier: Apache-2.0
// LED syscall driver (driver 0x2, Tock's `led` capsule): processes switch the board's LEDs synchronously, one
// command each, no allow and no subscribe. The LEDs are whatever hil::led::Leds the board hands over; index n is
// that HIL's LED n.
//
// Setup (board):
//   LedDriver& led = KEEL_STATIC_INIT(LedDriver, leds);   // turns every LED off, as Tock's driver does
//   platform: driver number LedDriver::kDriverNumber -> led
// Usage (process):
//   command(0x2, 0)    -> Success with u32: the number of LEDs (Tock 2.x's stable driver answers SuccessU32 here,
//                         not the plain Success TRD104 asks of command 0; see Tock's capsules/core/src/led.rs)
//   command(0x2, 1, n) -> LED n on;  command(0x2, 2, n) -> off;  command(0x2, 3, n) -> toggle
//                         Success, or Failure(Inval) if n >= the number of LEDs
//   any other command  -> Failure(NoSupport)
#pragma once

#include "kernel/core/ref.h"
#include "kernel/hil/led.h"
#include "kernel/syscall_driver.h"

namespace keel::capsules {

class LedDriver final : public SyscallDriver {
 public:
  static constexpr uint32_t kDriverNumber = 0x2;

  struct Command {
    static constexpr uint32_t kCount = 0;
    static constexpr uint32_t kOn = 1;
    static constexpr uint32_t kOff = 2;
    static constexpr uint32_t kToggle = 3;
  };

  /// Turns every LED off, so processes start from a known state.
  explicit LedDriver(StaticRef<hil::led::Leds const> leds);
  LedDriver(LedDriver const&) = delete;
  LedDriver& operator=(LedDriver const&) = delete;

  CommandReturn command(uint32_t command_number, uint32_t arg0, uint32_t arg1, ProcessId pid) const override;
  /// Needs no per-process state.
  Option<GrantBase const&> grant() const override { return none; }

 private:
  StaticRef<hil::led::Leds const> leds_;
};

}  // namespace keel::capsules
