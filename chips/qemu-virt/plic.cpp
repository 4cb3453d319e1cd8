// SPDX-License-Identifier: Apache-2.0
#include "chips/qemu-virt/plic.h"

#include "kernel/core/panic.h"

namespace keel::chips::qemu_virt {

Plic::Plic(StaticRef<PlicRegisters> registers) : registers_(registers) {}

// Clearing the enables is enough to silence every source: a source interrupts only when enabled (and above the
// threshold), and enable() sets its priority. Leaving the 96 priorities alone saves a tenth of the boot's stores.
void Plic::initialize() const {
  for (auto& word : registers_->enable_context0) { word.set(0); }
  registers_->threshold_context0.set(0);
}

void Plic::check_source(uint32_t source) {
  if (source == 0 || source >= kPlicSources) { KEEL_PANIC("PLIC source out of range"); }
}

void Plic::enable(uint32_t source) const {
  check_source(source);
  registers_->priority[source].set(1);
  auto& word = registers_->enable_context0[source / 32];
  word.set(word.get() | (1U << (source % 32)));
}

void Plic::disable(uint32_t source) const {
  check_source(source);
  auto& word = registers_->enable_context0[source / 32];
  word.set(word.get() & ~(1U << (source % 32)));
}

Option<uint32_t> Plic::next_pending() const {
  uint32_t const source = registers_->claim_complete_context0.get();
  if (source == 0) { return none; }
  return source;
}

void Plic::complete(uint32_t source) const { registers_->claim_complete_context0.set(source); }

}  // namespace keel::chips::qemu_virt
