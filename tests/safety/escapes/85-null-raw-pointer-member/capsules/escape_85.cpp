// SPDX-License-Identifier: Apache-2.0
// Notification fan-out of an event capsule.
#include "kernel/core/cell.h"
#include "kernel/hil/time.h"

namespace keel::capsules {

class Notifier85 {
 public:
  void set_client(hil::time::AlarmClient const& client) const { client_.set(&client); }
  void notify() const { client_.get()->alarm_fired(); }

 private:
  Cell<hil::time::AlarmClient const*> client_{nullptr};
};

}  // namespace keel::capsules
