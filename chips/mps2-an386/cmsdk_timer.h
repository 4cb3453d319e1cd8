// SPDX-License-Identifier: Apache-2.0
// The CMSDK APB dual timer as a hil::time::HardwareAlarm: 32-bit ticks at the 25 MHz system clock, modulo 2^32.
//
// Setup (board):
//   auto& alarm = KEEL_STATIC_INIT(CmsdkDualTimer, mmio::map_registers<CmsdkDualTimerRegisters>(<dual timer base>));
//   alarm.initialize();               // Timer 1 starts counting; Timer 2 stopped, disarmed
//   alarm.set_alarm_client(mux);      // the board's alarm mux (a HardwareAlarmClient); the chip routes the dual
//                                     // timer's combined interrupt (NVIC line 10 on mps2-an386) to
//                                     // alarm.handle_interrupt()
//
// Why the dual timer, and how it is used. The HIL needs a clock that never jumps (now() monotonic modulo 2^32) and
// an alarm that can be re-armed at any time without disturbing that clock. The plain CMSDK APB timer is one
// counter: using it for both means reloading the counter that is also the clock, and it fires periodically rather
// than once. The dual timer has two counters behind one block and one interrupt line:
//   - Timer 1 is the clock: 32-bit, free-running, prescale 1, interrupt off. Free-running, it wraps from 0 to
//     0xFFFF'FFFF, a period of exactly 2^32 ticks, so now() = ~VALUE counts up by one per tick and wraps exactly
//     where the HIL's Ticks do. It is never written after initialize().
//   - Timer 2 is the alarm: 32-bit one-shot, interrupt on. set_alarm computes how many ticks remain until
//     reference + dt (modulo 2^32, as hil::time::has_expired), at least 1, and loads Timer 2 with that count. The
//     count only starts after now() was read, so the interrupt comes no earlier than the alarm time; and because it
//     is a countdown of at least one tick (loading 0 would stop the timer without an interrupt), an alarm that is
//     already due, or becomes due while set_alarm runs, still fires, one tick (40 ns) later, through the interrupt:
//     it cannot be missed and never fires inside set_alarm. One-shot, it stops at zero, so it fires once.
#pragma once

#include "chips/mps2-an386/interrupt_service.h"
#include "chips/mps2-an386/cmsdk_timer_registers.h"
#include "kernel/core/cell.h"
#include "kernel/core/optional_cell.h"
#include "kernel/core/ref.h"
#include "kernel/hil/time.h"

namespace keel::chips::mps2_an386 {

class CmsdkDualTimer final : public hil::time::HardwareAlarm, public InterruptService {
 public:
  explicit CmsdkDualTimer(StaticRef<CmsdkDualTimerRegisters> registers);
  CmsdkDualTimer(CmsdkDualTimer const&) = delete;
  CmsdkDualTimer& operator=(CmsdkDualTimer const&) = delete;

  /// Starts Timer 1 as the free-running clock (from 0 ticks) and stops and disarms Timer 2.
  void initialize() const;
  /// The dual timer's interrupt: if Timer 2 expired, stop and clear it (disarming), then tell the client.
  void handle_interrupt() const override;

  /// What Timer 2 is loaded with for an alarm (reference, dt) at time `now`, modulo 2^32 as hil/time.h says: the
  /// ticks still to go, or 1 if the alarm is already due (so it fires through the interrupt, one tick later).
  static constexpr uint32_t countdown(hil::time::Ticks reference, hil::time::Ticks dt, hil::time::Ticks now) {
    auto const elapsed = static_cast<hil::time::Ticks>(now - reference);
    if (elapsed >= dt) { return 1; }
    return dt - elapsed;
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
  /// Stops Timer 2 and clears its interrupt.
  void stop_alarm_timer() const;

  StaticRef<CmsdkDualTimerRegisters> registers_;
  ClientCell<hil::time::HardwareAlarmClient> client_;
  Cell<hil::time::Ticks> alarm_{0};
  Cell<bool> armed_{false};
};

}  // namespace keel::chips::mps2_an386
