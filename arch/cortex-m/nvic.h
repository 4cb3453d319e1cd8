// SPDX-License-Identifier: Apache-2.0
// The NVIC as the chip's interrupt dispatch uses it. Every interrupt gets priority 0x80, which the kernel's BASEPRI
// masks (switch.S): an interrupt is taken only while a process runs, to bring the kernel back, and then stays
// pending (device interrupts are level signals) until the kernel loop has serviced the device. The priorities are
// set here, untrusted: a wrong one would let an interrupt preempt the kernel, where keel_cm_interrupt_handler only
// returns (lost or repeated interrupts, not a memory-safety matter; start.S says why).
#pragma once

#include "arch/cortex-m/nvic_registers.h"
#include "kernel/core/panic.h"
#include "kernel/core/ref.h"

namespace keel::arch {

class Nvic {
 public:
  explicit Nvic(StaticRef<NvicRegisters> registers) : registers_(registers) {}
  Nvic(Nvic const&) = delete;
  Nvic& operator=(Nvic const&) = delete;

  /// Every interrupt off, not pending, and at the priority the kernel's BASEPRI masks; before the chip enables any.
  void initialize() const;
  void enable(uint32_t interrupt) const;
  void disable(uint32_t interrupt) const;
  /// Enabled interrupts that are pending, one bit each.
  uint32_t pending_enabled() const { return registers_->set_pending[0].get() & registers_->set_enable[0].get(); }
  void clear_pending(uint32_t interrupt) const { registers_->clear_pending[0].set(bit(interrupt)); }

 private:
  static uint32_t bit(uint32_t interrupt) {
    if (interrupt >= kNvicInterrupts) { KEEL_PANIC("NVIC interrupt number out of range"); }
    return 1U << interrupt;
  }

  static constexpr uint32_t kMaskedPriorities = 0x8080'8080U;  // 0x80, switch.S's KERNEL_BASEPRI, in each byte

  StaticRef<NvicRegisters> registers_;
};

}  // namespace keel::arch
