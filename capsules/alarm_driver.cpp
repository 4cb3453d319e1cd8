// SPDX-License-Identifier: Apache-2.0
#include "capsules/alarm_driver.h"

namespace keel::capsules {

using hil::time::Ticks;

CommandReturn AlarmDriver::command(uint32_t command_number, uint32_t arg0, uint32_t arg1, ProcessId pid) const {
  switch (command_number) {
    case 0:
      return CommandReturn::success();
    case 1:
      return CommandReturn::success_u32(alarm_->frequency());
    case 2:
      return CommandReturn::success_u32(alarm_->now());
    case 3:
    case 5:
    case 6:
      break;
    default:
      return CommandReturn::failure(ErrorCode::NoSupport);
  }
  auto outcome = grant_.enter(pid, [&](ProcessAlarm& alarm, GrantKernelData const& /*data*/) {
    return command_in_grant(command_number, arg0, arg1, alarm);
  });
  if (outcome.is_error()) { return CommandReturn::failure(outcome.error()); }
  if (outcome.value().rearm) { rearm(); }
  return outcome.value().answer;
}

AlarmDriver::Outcome AlarmDriver::command_in_grant(uint32_t command_number, uint32_t arg0, uint32_t arg1,
                                                   ProcessAlarm& alarm) const {
  switch (command_number) {
    case 3:
      if (!alarm.armed) { return {CommandReturn::failure(ErrorCode::Already), false}; }
      alarm.armed = false;
      return {CommandReturn::success(), true};
    case 5:
      alarm.reference = alarm_->now();
      alarm.dt = arg0;
      break;
    default:  // 6
      alarm.reference = arg0;
      alarm.dt = arg1;
      break;
  }
  alarm.armed = true;
  return {CommandReturn::success_u32(static_cast<Ticks>(alarm.reference + alarm.dt)), true};
}

void AlarmDriver::alarm_fired() const { fire_and_rearm(true); }

void AlarmDriver::rearm() const { fire_and_rearm(false); }

void AlarmDriver::fire_and_rearm(bool fire) const {
  Ticks const now = alarm_->now();
  arm_for(fire, earliest_expiration(now, [&](auto const& visit) {
    grant_.each([&](ProcessId /*pid*/, ProcessAlarm& alarm, GrantKernelData const& data) {
      if (!alarm.armed) { return; }
      if (!fire || !hil::time::has_expired(alarm.reference, alarm.dt, now)) {
        visit(Expiration{alarm.reference, alarm.dt});
        return;
      }
      alarm.armed = false;
      // A full upcall queue drops this one; the process has more pending than it can handle anyway.
      (void)data.schedule_upcall(Upcall::kFired, now, static_cast<Ticks>(alarm.reference + alarm.dt), 0);
    });
  }));
}

void AlarmDriver::arm_for(bool fired, Option<Expiration> const& earliest) const {
  if (earliest.is_none()) {
    // An alarm that fired is disarmed (hil::time), and nothing armed it since.
    if (!fired && alarm_->is_armed()) { (void)alarm_->disarm(); }  // Already would mean nothing to disarm
    return;
  }
  // An expiration already in the past is fine: the alarm then fires as soon as it can.
  alarm_->set_alarm(earliest.value().reference, earliest.value().dt);
}

}  // namespace keel::capsules
