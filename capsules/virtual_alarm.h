// SPDX-License-Identifier: Apache-2.0
// Alarm virtualisation: many clients share one hardware alarm. Each client gets a VirtualAlarm that behaves like a
// whole hil::time::Alarm; the MuxAlarm keeps the hardware armed for the earliest armed virtual alarm and, when it
// fires, calls every virtual alarm that has expired.
//
// The mux sits on a hil::time::HardwareAlarm and is its HardwareAlarmClient; VirtualAlarm is a plain Alarm and
// calls plain AlarmClients. Neither side can be typed as the other, so a mux can never be wired on top of a
// VirtualAlarm (or on itself) and no call from this file can come back into it (kernel/hil/time.h says why).
//
// The virtual alarms form an intrusive singly linked list threaded through cells (each VirtualAlarm holds the link
// to the next), so the mux needs no table and no allocation, and linking in happens once, at wiring time:
//
//   MuxAlarm::head_ -> VirtualAlarm C -> VirtualAlarm B -> VirtualAlarm A -> (end)
//
// Setup (board, in this order):
//   MuxAlarm& mux = KEEL_STATIC_INIT(MuxAlarm, hardware_alarm);
//   hardware_alarm.set_alarm_client(mux);
//   VirtualAlarm& alarm = KEEL_STATIC_INIT(VirtualAlarm, mux);
//   alarm.setup();                       // links it into the mux; required before first use
//   alarm.set_alarm_client(client);
// Usage (client): exactly the hil::time::Alarm interface.
#pragma once

#include "kernel/core/ref.h"
#include "kernel/core/cell.h"
#include "kernel/core/optional_cell.h"
#include "kernel/hil/time.h"

namespace keel::capsules {

class VirtualAlarm;

class MuxAlarm final : public hil::time::HardwareAlarmClient {
 public:
  explicit MuxAlarm(StaticRef<hil::time::HardwareAlarm const> alarm) : alarm_(alarm) {}
  MuxAlarm(MuxAlarm const&) = delete;
  MuxAlarm& operator=(MuxAlarm const&) = delete;

  /// The hardware alarm expired: fires every expired virtual alarm, then re-arms for the earliest remaining one.
  void alarm_fired() const override;

 private:
  friend class VirtualAlarm;

  /// Adds `alarm` at the head of the list (VirtualAlarm::setup). Linking one alarm twice is a wiring bug.
  void link(StaticRef<VirtualAlarm const> alarm) const;
  /// Arms the hardware for the earliest armed virtual alarm, or disarms it when none is armed. While virtual
  /// alarms are being fired this waits: the firing loop re-arms once at its end (only if needed).
  void rearm() const;
  /// Arms the hardware for the earliest armed alarm, `first_armed` or one after it in the list. Out of line: the
  /// common re-arm after a firing finds nothing armed and needs none of this.
  void arm_for_soonest(StaticRef<VirtualAlarm const> first_armed) const;
  template <typename F> void for_each_alarm(F&& f) const;

  StaticRef<hil::time::HardwareAlarm const> alarm_;
  Cell<OptionalStaticRef<VirtualAlarm const>> head_{};
  Cell<bool> firing_{false};
  /// A virtual alarm was armed or disarmed during the current firing pass (rearm was asked for and waited).
  Cell<bool> rearm_requested_{false};
};

class VirtualAlarm final : public hil::time::Alarm {
 public:
  explicit VirtualAlarm(StaticRef<MuxAlarm const> mux) : mux_(mux) {}
  VirtualAlarm(VirtualAlarm const&) = delete;
  VirtualAlarm& operator=(VirtualAlarm const&) = delete;

  /// Links `alarm` into its mux. The board calls it once, after construction and before first use.
  static void setup(StaticRef<VirtualAlarm const> alarm);

  uint32_t frequency() const override;
  hil::time::Ticks now() const override;
  void set_alarm_client(StaticRef<hil::time::AlarmClient const> client) const override;
  void set_alarm(hil::time::Ticks reference, hil::time::Ticks dt) const override;
  hil::time::Ticks get_alarm() const override;
  Result<void> disarm() const override;
  bool is_armed() const override;
  hil::time::Ticks minimum_dt() const override;

 private:
  friend class MuxAlarm;

  StaticRef<MuxAlarm const> mux_;
  Cell<OptionalStaticRef<VirtualAlarm const>> next_{};
  ClientCell<hil::time::AlarmClient> client_{};
  Cell<hil::time::Ticks> reference_{0};
  Cell<hil::time::Ticks> dt_{0};
  Cell<bool> armed_{false};
  /// Expired and about to be called in the current firing pass (cleared if the client re-arms or disarms first).
  Cell<bool> due_{false};
  Cell<bool> linked_{false};
};

template <typename F> void MuxAlarm::for_each_alarm(F&& f) const {
  for (OptionalStaticRef<VirtualAlarm const> alarm = head_.get(); alarm.is_some(); alarm = alarm->next_.get()) {
    f(alarm.get());
  }
}

}  // namespace keel::capsules
