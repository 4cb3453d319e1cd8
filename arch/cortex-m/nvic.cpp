// SPDX-License-Identifier: Apache-2.0
#include "arch/cortex-m/nvic.h"

namespace keel::arch {

void Nvic::initialize() const {
  registers_->clear_enable[0].set(0xFFFF'FFFFU);
  registers_->clear_pending[0].set(0xFFFF'FFFFU);
  for (mmio::ReadWrite<uint32_t>& word : registers_->priority) { word.set(kMaskedPriorities); }
}

void Nvic::enable(uint32_t interrupt) const { registers_->set_enable[0].set(bit(interrupt)); }

void Nvic::disable(uint32_t interrupt) const { registers_->clear_enable[0].set(bit(interrupt)); }

}  // namespace keel::arch
