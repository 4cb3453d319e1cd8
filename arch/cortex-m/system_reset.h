// SPDX-License-Identifier: Apache-2.0
// The ARMv7-M system reset request (B3.2.6, AIRCR): writing the key with SYSRESETREQ asks the system to reset, as
// from power-on (QEMU restarts the machine and reloads its images).
#pragma once

#include "kernel/core/ref.h"
#include "kernel/core/registers.h"
#include "kernel/hil/reset.h"

namespace keel::arch {

/// AIRCR, at the architecture's fixed address kAircrAddress.
struct ApplicationInterruptResetControl {
  mmio::ReadWrite<uint32_t> aircr;
};
KEEL_REGISTER_AT(ApplicationInterruptResetControl, aircr, 0x0);

inline constexpr uintptr_t kAircrAddress = 0xE000'ED0CU;

class SystemResetRequest final : public hil::reset::SystemReset {
 public:
  explicit SystemResetRequest(StaticRef<ApplicationInterruptResetControl> registers) : registers_(registers) {}
  SystemResetRequest(SystemResetRequest const&) = delete;
  SystemResetRequest& operator=(SystemResetRequest const&) = delete;

  void reset() const override { registers_->aircr.set(kVectorKey | kSystemResetRequest); }

 private:
  static constexpr uint32_t kVectorKey = 0x05FAU << 16;  // writes without it are ignored
  static constexpr uint32_t kSystemResetRequest = 1U << 2;

  StaticRef<ApplicationInterruptResetControl> registers_;
};

}  // namespace keel::arch
