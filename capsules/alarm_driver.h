// SPDX-License-Identifier: Apache-2.0
// Alarm syscall driver (driver 0x0): one alarm per process, all multiplexed onto one (virtual) hardware alarm. Each
// process's alarm lives in its grant; the hardware is always armed for the earliest of them.
//
// Setup (board):
//   VirtualAlarm& alarm = ...;  alarm.setup();            // see capsules/virtual_alarm.h
//   AlarmDriver& driver = KEEL_STATIC_INIT(AlarmDriver, kernel, alarm);
//   alarm.set_alarm_client(driver);
//   platform: driver number AlarmDriver::kDriverNumber -> driver
// Usage (process):
//   subscribe(0x0, 0, callback)      callback(now, expiration, 0) runs once the alarm has expired
//   command(0x0, 1) -> frequency in Hz; command(0x0, 2) -> now in ticks
//   command(0x0, 5, dt) -> expiration (now + dt); command(0x0, 6, reference, dt) -> expiration (reference + dt)
//   command(0x0, 3) stops the alarm (Already if none is armed)
// Ticks are the HIL's 32 bits, unscaled; all comparisons are modulo 2^32 (hil::time::has_expired).
#pragma once

#include "kernel/core/ref.h"
#include "kernel/core/option.h"
#include "kernel/grant.h"
#include "kernel/hil/time.h"
#include "kernel/syscall_driver.h"

namespace keel::capsules {

class AlarmDriver final : public SyscallDriver, public hil::time::AlarmClient {
 public:
  static constexpr uint32_t kDriverNumber = 0x0;

  /// Subscribe numbers.
  struct Upcall {
    /// The alarm expired: (now, expiration, 0).
    static constexpr uint32_t kFired = 0;
    static constexpr uint32_t kCount = 1;
  };

  /// One armed alarm: it expires once now - reference >= dt (modulo 2^32).
  struct Expiration {
    hil::time::Ticks reference = 0;
    hil::time::Ticks dt = 0;
  };

  AlarmDriver(Kernel& kernel, StaticRef<hil::time::Alarm const> alarm) : grant_(kernel, kDriverNumber), alarm_(alarm) {}
  AlarmDriver(AlarmDriver const&) = delete;
  AlarmDriver& operator=(AlarmDriver const&) = delete;

  /// 0 exists; 1 frequency (129); 2 now (129); 3 stop (128, Already if not armed); 5 set relative (dt) -> 129
  /// expiration; 6 set absolute (reference, dt) -> 129 reference + dt. Others: NoSupport.
  CommandReturn command(uint32_t command_number, uint32_t arg0, uint32_t arg1, ProcessId pid) const override;
  Option<GrantBase const&> grant() const override { return grant_; }

  /// Fires every expired process alarm, then re-arms for the earliest remaining one.
  void alarm_fired() const override;

  /// The expiration that comes first as seen from `now`: an expired one (it is due at once) before any pending
  /// one, otherwise the one with the fewest ticks left, now + (reference + dt - now) counted modulo 2^32 so that
  /// the counter wrapping between the reference and the expiration changes nothing. Ties go to the first visited.
  /// `for_each(visit)` must call `visit(Expiration)` for each armed alarm; none when there is none. Pure: it reads
  /// nothing but its arguments.
  template <typename ForEach> static Option<Expiration> earliest_expiration(hil::time::Ticks now, ForEach&& for_each);

 private:
  /// A process's alarm, in its grant.
  struct ProcessAlarm {
    bool armed = false;
    hil::time::Ticks reference = 0;
    hil::time::Ticks dt = 0;
  };

  /// Runs one grant-changing command inside the process's grant; the result says whether the hardware alarm must
  /// be re-armed afterwards (it cannot be done inside: re-arming visits every grant, this one included).
  struct Outcome {
    CommandReturn answer;
    bool rearm = false;
  };
  Outcome command_in_grant(uint32_t command_number, uint32_t arg0, uint32_t arg1, ProcessAlarm& alarm) const;
  /// Arms the alarm for the earliest process alarm, or disarms it when no process has one.
  void rearm() const;
  /// Visits every process alarm once: an armed one that has expired at `now` is disarmed and its upcall queued
  /// (when `fire`), then the (virtual) alarm is armed for the earliest one still armed, or disarmed when none is.
  /// One pass over the grants: firing and re-arming are the alarm interrupt's whole path to the upcall.
  void fire_and_rearm(bool fire) const;
  /// Arms the alarm for `earliest`, or disarms it when there is none (`fired`: it has just fired, so it is disarmed).
  void arm_for(bool fired, Option<Expiration> const& earliest) const;

  Grant<ProcessAlarm, Upcall::kCount, 0, 0> grant_;
  StaticRef<hil::time::Alarm const> alarm_;
};

template <typename ForEach>
Option<AlarmDriver::Expiration> AlarmDriver::earliest_expiration(hil::time::Ticks now, ForEach&& for_each) {
  bool any = false;
  Expiration earliest{};
  hil::time::Ticks earliest_remaining = 0;
  for_each([&](Expiration const& expiration) {
    hil::time::Ticks const remaining =
        hil::time::has_expired(expiration.reference, expiration.dt, now)
            ? 0
            : static_cast<hil::time::Ticks>(expiration.reference + expiration.dt - now);
    if (!any || remaining < earliest_remaining) {
      earliest = expiration;
      earliest_remaining = remaining;
      any = true;
    }
  });
  if (!any) { return none; }
  return earliest;
}

}  // namespace keel::capsules
