// SPDX-License-Identifier: Apache-2.0
// Opaque per-client context words, as a C-style callback API would pass them.
#include "capsules/virtual_alarm.h"

namespace keel::capsules {

struct Context70 {
  uint32_t tag = 0;
};

void escape_70_rearm(void* context) {
  VirtualAlarm const& alarm = *static_cast<VirtualAlarm const*>(context);
  alarm.set_alarm(0, 10);
}

void escape_70_fire(Context70& context) { escape_70_rearm(&context); }

}  // namespace keel::capsules
