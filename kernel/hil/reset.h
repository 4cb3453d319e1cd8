// SPDX-License-Identifier: Apache-2.0
// Resetting the whole system (the process console's `reboot`): the chip or board says how its machine restarts
// from the reset vector, as if powered on again.
#pragma once

namespace keel::hil::reset {

class SystemReset {
 public:
  /// Requests the reset. On real hardware and on QEMU it does not return; if the request is ignored it returns, and
  /// the caller carries on.
  virtual void reset() const = 0;

 protected:
  ~SystemReset() = default;
};

}  // namespace keel::hil::reset
