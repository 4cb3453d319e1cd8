// SPDX-License-Identifier: Apache-2.0
#include "capsules/virtual_alarm.h"

#include "kernel/core/panic.h"
#include "kernel/core/utility.h"

namespace keel::capsules {

using hil::time::Ticks;

void MuxAlarm::link(StaticRef<VirtualAlarm const> alarm) const {
  if (alarm->linked_.get()) { KEEL_PANIC("VirtualAlarm::setup called twice"); }
  alarm->next_.set(head_.get());
  head_.set(alarm);
  alarm->linked_.set(true);
}

void MuxAlarm::rearm() const {
  if (firing_.get()) {
    rearm_requested_.set(true);
    return;
  }
  OptionalStaticRef<VirtualAlarm const> armed = head_.get();
  while (armed.is_some() && !armed->armed_.get()) { armed = armed->next_.get(); }
  if (armed.is_none()) {
    if (alarm_->is_armed()) { (void)alarm_->disarm(); }  // Already would only mean it was not armed: nothing to do
    return;
  }
  arm_for_soonest(armed.value());
}

void MuxAlarm::arm_for_soonest(StaticRef<VirtualAlarm const> first_armed) const {
  Ticks const now = alarm_->now();
  Ticks soonest = ~Ticks{0};
  for (OptionalStaticRef<VirtualAlarm const> alarm = first_armed; alarm.is_some(); alarm = alarm->next_.get()) {
    if (!alarm->armed_.get()) { continue; }
    Ticks const reference = alarm->reference_.get();
    Ticks const dt = alarm->dt_.get();
    // Ticks left until it fires, modulo 2^32: an expired alarm has none left (it may be far in the past, where the
    // plain difference would wrap to a huge value).
    Ticks const remaining = hil::time::has_expired(reference, dt, now) ? 0 : static_cast<Ticks>(reference + dt - now);
    soonest = min(soonest, remaining);
  }
  // Counting from `now` (not from the alarm's own reference) lets minimum_dt push an overdue alarm just far enough
  // into the future for the hardware to see it.
  alarm_->set_alarm(now, max(soonest, alarm_->minimum_dt()));
}

void MuxAlarm::alarm_fired() const {
  firing_.set(true);
  rearm_requested_.set(false);
  Ticks const now = alarm_->now();
  // Two passes: first decide which alarms are due against one snapshot of now, then call them. An alarm a client
  // sets from inside its callback is therefore never fired in the same pass (a callback that re-arms with dt 0
  // cannot spin here forever); the re-arm at the end picks it up.
  usize due = 0;
  bool still_armed = false;
  for_each_alarm([&](VirtualAlarm const& alarm) {
    if (!alarm.armed_.get()) { return; }
    if (hil::time::has_expired(alarm.reference_.get(), alarm.dt_.get(), now)) {
      alarm.armed_.set(false);
      alarm.due_.set(true);
      ++due;
    } else {
      still_armed = true;
    }
  });
  // The second pass ends after the last due alarm (the rest of the list has none).
  for (OptionalStaticRef<VirtualAlarm const> alarm = head_.get(); due > 0 && alarm.is_some();
       alarm = alarm->next_.get()) {
    // A callback earlier in this pass may have re-armed or disarmed this alarm; then it is no longer due (and the
    // count never reaches 0: the pass walks to the end, which is still right).
    if (!alarm->due_.get()) { continue; }
    --due;
    alarm->due_.set(false);
    alarm->client_.map([](hil::time::AlarmClient const& client) { client.alarm_fired(); });
  }
  firing_.set(false);
  // With nothing left armed and no callback having armed or disarmed an alarm, there is nothing to do: the hardware
  // alarm is disarmed while it fires (hil::time), and nothing reached it since (rearm waits while firing).
  if (still_armed || rearm_requested_.get()) { rearm(); }
}

void VirtualAlarm::setup(StaticRef<VirtualAlarm const> alarm) { alarm->mux_->link(alarm); }

uint32_t VirtualAlarm::frequency() const { return mux_->alarm_->frequency(); }

Ticks VirtualAlarm::now() const { return mux_->alarm_->now(); }

void VirtualAlarm::set_alarm_client(StaticRef<hil::time::AlarmClient const> client) const { client_.set(client); }

void VirtualAlarm::set_alarm(Ticks reference, Ticks dt) const {
  if (!linked_.get()) { KEEL_PANIC("VirtualAlarm used before setup()"); }
  reference_.set(reference);
  dt_.set(dt);
  armed_.set(true);
  due_.set(false);
  mux_->rearm();
}

Ticks VirtualAlarm::get_alarm() const { return static_cast<Ticks>(reference_.get() + dt_.get()); }

Result<void> VirtualAlarm::disarm() const {
  if (!is_armed()) { return Error(ErrorCode::Already); }
  armed_.set(false);
  due_.set(false);
  mux_->rearm();
  return success();
}

// An alarm that has expired but whose callback has not run yet is still armed, as far as its client can tell.
bool VirtualAlarm::is_armed() const { return armed_.get() || due_.get(); }

Ticks VirtualAlarm::minimum_dt() const { return mux_->alarm_->minimum_dt(); }

}  // namespace keel::capsules
