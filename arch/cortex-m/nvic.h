// SPDX-License-Identifier: Apache-2.0
// The NVIC as the chip's interrupt dispatch uses it. Every interrupt gets priority 0x80, which the kernel's BASEPRI
// masks (switch.S): an interrupt is taken only while a process runs, to bring the kernel back, and then stays
// pending (device interrupts are level signals) until the kernel loop has serviced the device.
#pragma once

#include "arch/cortex-m/nvic_registers.h"
#include "kernel/core/ref.h"

namespace keel::arch {

class Nvic {
 public:
  static constexpr uint8_t kPriority = 0x80;

  explicit Nvic(StaticRef<NvicRegisters> registers) : registers_(registers) {}
  Nvic(Nvic const&) = delete;
  Nvic& operator=(Nvic const&) = delete;

  /// Every interrupt off and not pending, each at kPriority.
  void initialize() const;
  void enable(uint32_t interrupt) const;
  void disable(uint32_t interrupt) const;
  /// Enabled interrupts that are pending, one bit each.
  uint32_t pending_enabled() const;
  void clear_pending(uint32_t interrupt) const;

 private:
  StaticRef<NvicRegisters> registers_;
};

}  // namespace keel::arch
