// SPDX-License-Identifier: Apache-2.0
#include "chips/mps2-an386/cmsdk_timer.h"

#include "chips/mps2-an386/clocks.h"

namespace keel::chips::mps2_an386 {
namespace {

/// Timer 1, the clock: 32-bit, free-running, prescale 1 (the fields left out are 0), interrupt off.
constexpr auto kClockMode = dual_timer_control::size_32.set();
/// Timer 2, the alarm, while stopped: 32-bit one-shot with its interrupt enabled. Periodic mode makes a write of
/// Load set the count in every implementation (one-shot then stops it at zero rather than reloading).
constexpr auto kAlarmMode = dual_timer_control::one_shot.set() + dual_timer_control::size_32.set() +
                            dual_timer_control::periodic.set() + dual_timer_control::interrupt_enable.set();

}  // namespace

CmsdkDualTimer::CmsdkDualTimer(StaticRef<CmsdkDualTimerRegisters> registers) : registers_(registers) {}

void CmsdkDualTimer::initialize() const {
  DualTimerChannel& clock = registers_->timer1;
  // Stopped first, so the mode and the count change while it does not run.
  clock.control.write(kClockMode);
  clock.interrupt_clear.set(1);
  clock.load.set(0xFFFF'FFFFU);
  clock.control.write(kClockMode + dual_timer_control::enable.set());

  stop_alarm_timer();
  armed_.set(false);
}

void CmsdkDualTimer::handle_interrupt() const {
  // Timer 1 never interrupts; a masked status of 0 means nothing (left) for the alarm, e.g. a line that was
  // pending when the alarm was disarmed or re-armed.
  if (!registers_->timer2.masked_interrupt_status.is_set(dual_timer_status::interrupt)) { return; }
  // Disarm before calling the client, which may set the alarm again.
  stop_alarm_timer();
  if (armed_.replace(false)) {
    client_.map([](hil::time::HardwareAlarmClient const& client) { client.alarm_fired(); });
  }
}

uint32_t CmsdkDualTimer::frequency() const { return kSystemClockHz; }

hil::time::Ticks CmsdkDualTimer::now() const { return ~registers_->timer1.value.get(); }

void CmsdkDualTimer::set_alarm_client(StaticRef<hil::time::HardwareAlarmClient const> client) const {
  client_.set(client);
}

void CmsdkDualTimer::set_alarm(hil::time::Ticks reference, hil::time::Ticks dt) const {
  alarm_.set(static_cast<hil::time::Ticks>(reference + dt));
  armed_.set(true);
  // Stopped and cleared first: an expiry of the previous alarm must not be taken for this one.
  stop_alarm_timer();
  DualTimerChannel& alarm = registers_->timer2;
  alarm.load.set(countdown(reference, dt, now()));
  alarm.control.write(kAlarmMode + dual_timer_control::enable.set());
}

hil::time::Ticks CmsdkDualTimer::get_alarm() const { return alarm_.get(); }

Result<void> CmsdkDualTimer::disarm() const {
  stop_alarm_timer();
  if (!armed_.replace(false)) { return Error(ErrorCode::Already); }
  return success();
}

bool CmsdkDualTimer::is_armed() const { return armed_.get(); }

// Any dt works: an alarm already due is loaded as a one-tick countdown and fires through the interrupt.
hil::time::Ticks CmsdkDualTimer::minimum_dt() const { return 1; }

void CmsdkDualTimer::stop_alarm_timer() const {
  DualTimerChannel& alarm = registers_->timer2;
  alarm.control.write(kAlarmMode);
  alarm.interrupt_clear.set(1);
}

}  // namespace keel::chips::mps2_an386
