// SPDX-License-Identifier: Apache-2.0
// Time and alarm hardware interface, in 32-bit ticks. All tick arithmetic is modulo 2^32: an alarm set for
// (reference, dt) fires once `now - reference >= dt` (wrap-around safe), so callers never compare ticks directly.
//
// Two layers, one contract. Alarm / AlarmClient is what capsules and the kernel use; HardwareAlarm /
// HardwareAlarmClient is what a chip's timer offers and what may sit directly on it: a virtualizer (MuxAlarm,
// capsules/virtual_alarm.h) takes a HardwareAlarm and is a HardwareAlarmClient, and hands out Alarms. The methods
// mean the same on both; the split is in the types only, so that a virtualizer cannot be its own lower layer (a
// VirtualAlarm is no HardwareAlarm, a MuxAlarm no AlarmClient). That keeps the kernel's call graph acyclic even
// when every virtual call is resolved by type, so its worst-case stack is bounded (tools/stack-depth). Each layer
// declares its own methods on purpose: a call is typed by the class that declares the method, so a HardwareAlarm
// derived from Alarm would separate nothing. A chip timer serves capsules through a virtualizer, never directly.
#pragma once

#include "kernel/core/ref.h"
#include "kernel/core/result.h"
#include "kernel/core/types.h"

namespace keel::hil::time {

using Ticks = uint32_t;

/// Whether `now` has reached the alarm (reference, dt), computed modulo 2^32.
constexpr bool has_expired(Ticks reference, Ticks dt, Ticks now) { return static_cast<Ticks>(now - reference) >= dt; }

class Time {
 public:
  /// Ticks per second.
  virtual uint32_t frequency() const = 0;
  virtual Ticks now() const = 0;

 protected:
  ~Time() = default;
};

class AlarmClient {
 public:
  /// The armed alarm expired; the alarm is disarmed when this runs.
  virtual void alarm_fired() const = 0;

 protected:
  ~AlarmClient() = default;
};

class Alarm : public Time {
 public:
  virtual void set_alarm_client(StaticRef<AlarmClient const> client) const = 0;
  /// Arms the alarm to fire when now - reference >= dt. An alarm whose time has already passed fires as soon as
  /// possible (never inside this call). Replaces any armed alarm.
  virtual void set_alarm(Ticks reference, Ticks dt) const = 0;
  /// reference + dt of the armed (or last armed) alarm.
  virtual Ticks get_alarm() const = 0;
  /// Success, or Already if nothing was armed.
  virtual Result<void> disarm() const = 0;
  virtual bool is_armed() const = 0;
  /// The smallest dt the hardware can honour reliably; callers use max(dt, minimum_dt()).
  virtual Ticks minimum_dt() const = 0;

 protected:
  ~Alarm() = default;
};

/// The client of a HardwareAlarm: AlarmClient's contract, for the layer directly on the hardware.
class HardwareAlarmClient {
 public:
  /// The armed alarm expired; the alarm is disarmed when this runs.
  virtual void alarm_fired() const = 0;

 protected:
  ~HardwareAlarmClient() = default;
};

/// A chip's alarm timer: exactly Alarm's contract (see there), for a virtualizer or other direct user of the
/// hardware. Deliberately not derived from Time or Alarm (see the top of this file).
class HardwareAlarm {
 public:
  /// Ticks per second.
  virtual uint32_t frequency() const = 0;
  virtual Ticks now() const = 0;
  virtual void set_alarm_client(StaticRef<HardwareAlarmClient const> client) const = 0;
  /// As Alarm::set_alarm: fires once now - reference >= dt, as soon as possible if already due, never inside this
  /// call; replaces any armed alarm.
  virtual void set_alarm(Ticks reference, Ticks dt) const = 0;
  /// reference + dt of the armed (or last armed) alarm.
  virtual Ticks get_alarm() const = 0;
  /// Success, or Already if nothing was armed.
  virtual Result<void> disarm() const = 0;
  virtual bool is_armed() const = 0;
  /// The smallest dt the hardware can honour reliably; callers use max(dt, minimum_dt()).
  virtual Ticks minimum_dt() const = 0;

 protected:
  ~HardwareAlarm() = default;
};

}  // namespace keel::hil::time
