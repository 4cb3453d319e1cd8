// SPDX-License-Identifier: Apache-2.0
#include "chips/mps2-an386/mps2_chip.h"

#include "arch/cortex-m/assembly_entry.h"
#include "kernel/core/panic.h"

namespace keel::chips::mps2_an386 {

void Mps2Chip::initialize() const { nvic_->initialize(); }

void Mps2Chip::route(uint32_t interrupt, StaticRef<InterruptService const> service) const {
  if (interrupt >= arch::kNvicInterrupts) { KEEL_PANIC("no such NVIC interrupt"); }
  services_[interrupt].set(service);
  nvic_->enable(interrupt);
}

void Mps2Chip::service_pending_interrupts() const {
  uint32_t pending = nvic_->pending_enabled();
  for (uint32_t interrupt = 0; pending != 0 && interrupt < arch::kNvicInterrupts; ++interrupt) {
    if ((pending & (1U << interrupt)) == 0) { continue; }
    pending &= ~(1U << interrupt);
    // Cleared before the driver runs: the driver lowers the device's line, and a new event raises it (pends) again,
    // so none is lost between the two. (A line still high keeps it pending on hardware; QEMU re-pends on a rise.)
    nvic_->clear_pending(interrupt);
    services_[interrupt].map([](InterruptService const& service) { service.handle_interrupt(); });
  }
}

bool Mps2Chip::has_pending_interrupts() const { return nvic_->pending_enabled() != 0; }

void Mps2Chip::sleep() const { keel_cm_wait_for_interrupt(); }

}  // namespace keel::chips::mps2_an386
