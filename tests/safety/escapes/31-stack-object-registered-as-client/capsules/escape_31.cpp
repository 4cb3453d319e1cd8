// SPDX-License-Identifier: Apache-2.0
// Bring-up helper: wait a few ticks with the alarm (before the kernel loop runs).
#include "kernel/core/cell.h"
#include "kernel/hil/time.h"

namespace keel::capsules {

class Waker31 final : public hil::time::AlarmClient {
 public:
  void alarm_fired() const override { done_.set(true); }
  bool done() const { return done_.get(); }

 private:
  Cell<bool> done_{false};
};

bool escape_31_wait(hil::time::Alarm const& alarm, hil::time::Ticks dt) {
  Waker31 const waker{};
  alarm.set_alarm_client(waker);
  alarm.set_alarm(alarm.now(), dt);
  for (uint32_t spins = 0; spins < 1000 && !waker.done(); ++spins) {
  }
  return waker.done();  // the alarm still refers to `waker` (and may still be armed)
}

}  // namespace keel::capsules
