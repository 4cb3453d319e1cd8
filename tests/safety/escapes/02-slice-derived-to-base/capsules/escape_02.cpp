// SPDX-License-Identifier: Apache-2.0
// Listeners of an event capsule, notified through their base class.
#include "kernel/core/cell.h"
#include "kernel/core/slice.h"

namespace keel::capsules {

class Listener02 {
 public:
  virtual void notify() const { notified_.set(notified_.get() + 1); }

 protected:
  ~Listener02() = default;

 private:
  Cell<uint32_t> notified_{0};
};

class TimedListener02 final : public Listener02 {
 public:
  void notify() const override { fired_.set(true); }

  uint32_t deadline = 0;  // set by the process
  uint32_t period = 0;

 private:
  Cell<bool> fired_{false};
};

/// Notifies every listener in the table.
void escape_02_notify_all(Slice<Listener02 const> listeners) {
  for (usize i = 0; i < listeners.size(); ++i) { listeners[i].notify(); }
}

void escape_02_notify_timed(Slice<TimedListener02> timed) {
  // Timed listeners are listeners, so the table of timed listeners is a table of listeners.
  escape_02_notify_all(timed);
}

}  // namespace keel::capsules
