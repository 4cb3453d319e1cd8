// SPDX-License-Identifier: Apache-2.0
// The timeslice timer: an alarm (normally a virtual alarm, shared with the alarm driver) armed when a process starts
// its timeslice while another process could run too (a process alone runs untimed, see kernel.h). Its interrupt is what takes the CPU back from a process
// that never yields: the kernel loop leaves a timeslice whenever an interrupt is pending, so nothing needs to read the clock while the process runs.
#pragma once

#include "kernel/core/ref.h"
#include "kernel/core/cell.h"
#include "kernel/hil/time.h"

namespace keel {

class SchedulerTimer final : public hil::time::AlarmClient {
 public:
  SchedulerTimer(StaticRef<hil::time::Alarm const> alarm, uint32_t timeslice_us)
      : alarm_(alarm),
        timeslice_ticks_(ticks_for(alarm->frequency(), timeslice_us)) {}

  /// Makes sure a scheduler tick is coming. An alarm still armed from an earlier timeslice that ended early (the
  /// process blocked) is left as it is: re-arming it on every context switch would cost more than the switch, and
  /// the next process then runs at most until that tick, never longer than one timeslice.
  void start() const {
    if (!alarm_->is_armed()) { alarm_->set_alarm(alarm_->now(), timeslice_ticks_); }
  }
  /// Nothing to do: the interrupt itself already brought the kernel back.
  void alarm_fired() const override {}

  /// frequency * us / 10^6 within a tick, in 32 bits: a 64-bit division would pull the 862-byte __udivdi3 into an
  /// rv32 kernel for this one line. No product wraps while frequency / 1000 * us < 2^32 (10 ms up to 429 MHz).
  static constexpr uint32_t ticks_for(uint32_t frequency, uint32_t us) {
    return frequency / 1000U * us / 1000U + frequency % 1000U * us / 1000000U;
  }

 private:
  StaticRef<hil::time::Alarm const> alarm_;
  uint32_t timeslice_ticks_;
};

static_assert(SchedulerTimer::ticks_for(10'000'000, 10'000) == 100'000);
static_assert(SchedulerTimer::ticks_for(32'768, 10'000) == 327);

}  // namespace keel
