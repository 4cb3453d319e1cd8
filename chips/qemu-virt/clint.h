// SPDX-License-Identifier: Apache-2.0
// CLINT machine timer as a hil::time::HardwareAlarm with 32-bit ticks (the low word of the 64-bit mtime, 10 MHz).
//
// Setup (board):
//   static MachineTimerEnable timer_enable;
//   auto& clint = KEEL_STATIC_INIT(Clint, board::clint_registers(), timer_enable);
//   clint.initialize();               // disarmed: mtimecmp = never, MTIE off
//   clint.set_alarm_client(mux);      // the board's alarm mux (a HardwareAlarmClient); the chip calls
//                                     // clint.handle_interrupt() when mip.MTIP is pending
//
// The alarm is armed by writing a 64-bit mtimecmp computed from the current 64-bit mtime (compare_value), so an
// alarm whose time has already passed gets a compare value that is not after mtime and fires at once, and a 32-bit
// wrap between now and the alarm is carried into the high word.
#pragma once

#include "kernel/core/ref.h"
#include "chips/qemu-virt/clint_registers.h"
#include "chips/qemu-virt/interrupt_enable.h"
#include "kernel/core/cell.h"
#include "kernel/core/optional_cell.h"
#include "kernel/hil/time.h"

namespace keel::chips::qemu_virt {

class Clint final : public hil::time::HardwareAlarm {
 public:
  /// mtimecmp value that never matches: the disarmed state.
  static constexpr uint64_t kNever = ~uint64_t{0};

  Clint(StaticRef<ClintRegisters> registers, StaticRef<InterruptEnable const> timer_interrupt);
  Clint(Clint const&) = delete;
  Clint& operator=(Clint const&) = delete;

  /// Disarms: mtimecmp = never, so a compare value left over from before reset cannot fire.
  void initialize() const;
  /// The machine timer interrupt is pending: disarm (which lowers it), then tell the client.
  void handle_interrupt() const;
  /// mtime, all 64 bits, read high-low-high so a carry between the two halves is never seen half-done.
  uint64_t now_64() const;

  /// The 64-bit mtimecmp for an alarm (reference, dt) given the 64-bit time `now`. Modulo 2^32 as hil/time.h says:
  /// elapsed = now - reference; if elapsed >= dt the alarm is due and the result is `now` itself (mtime >= mtimecmp
  /// holds at once); otherwise the alarm is dt - elapsed ticks in the future, added in 64 bits.
  static constexpr uint64_t compare_value(uint64_t now, hil::time::Ticks reference, hil::time::Ticks dt) {
    auto const elapsed = static_cast<hil::time::Ticks>(static_cast<hil::time::Ticks>(now) - reference);
    if (elapsed >= dt) { return now; }
    return now + static_cast<uint64_t>(dt - elapsed);
  }

  uint32_t frequency() const override;
  hil::time::Ticks now() const override;
  void set_alarm_client(StaticRef<hil::time::HardwareAlarmClient const> client) const override;
  void set_alarm(hil::time::Ticks reference, hil::time::Ticks dt) const override;
  hil::time::Ticks get_alarm() const override;
  Result<void> disarm() const override;
  bool is_armed() const override;
  hil::time::Ticks minimum_dt() const override;

 private:
  void write_compare(uint64_t value) const;

  StaticRef<ClintRegisters> registers_;
  StaticRef<InterruptEnable const> timer_interrupt_;
  ClientCell<hil::time::HardwareAlarmClient> client_;
  Cell<hil::time::Ticks> alarm_{0};
  Cell<bool> armed_{false};
};

}  // namespace keel::chips::qemu_virt
