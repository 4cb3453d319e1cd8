// SPDX-License-Identifier: Apache-2.0
#include "arch/cortex-m/nvic.h"

#include "kernel/core/panic.h"

namespace keel::arch {
namespace {

uint32_t bit(uint32_t interrupt) {
  if (interrupt >= kNvicInterrupts) { KEEL_PANIC("NVIC interrupt number out of range"); }
  return 1U << interrupt;
}

}  // namespace

void Nvic::initialize() const {
  registers_->clear_enable[0].set(0xFFFF'FFFFU);
  registers_->clear_pending[0].set(0xFFFF'FFFFU);
  for (mmio::ReadWrite<uint8_t>& priority : registers_->priority) { priority.set(kPriority); }
}

void Nvic::enable(uint32_t interrupt) const { registers_->set_enable[0].set(bit(interrupt)); }

void Nvic::disable(uint32_t interrupt) const { registers_->clear_enable[0].set(bit(interrupt)); }

uint32_t Nvic::pending_enabled() const { return registers_->set_pending[0].get() & registers_->set_enable[0].get(); }

void Nvic::clear_pending(uint32_t interrupt) const { registers_->clear_pending[0].set(bit(interrupt)); }

}  // namespace keel::arch
