// SPDX-License-Identifier: Apache-2.0
// Alarm helpers.
#include "kernel/hil/time.h"

namespace keel::capsules {

/// The longer of two delays, without a copy.
template <typename T> T const& escape_25_longer(T const& a, T const& b) { return a < b ? b : a; }

hil::time::Ticks escape_25_deadline(hil::time::Alarm const& alarm, hil::time::Ticks dt) {
  hil::time::Ticks const& delay = escape_25_longer(alarm.minimum_dt(), dt);
  return alarm.now() + delay;
}

}  // namespace keel::capsules
