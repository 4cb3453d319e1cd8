// SPDX-License-Identifier: Apache-2.0
#include "chips/mps2-an386/mps2_chip.h"

#include "arch/cortex-m/assembly_entry.h"
#include "kernel/core/panic.h"
#include "kernel/core/utility.h"

namespace keel::chips::mps2_an386 {

void Mps2Chip::initialize() const { nvic_->initialize(); }

void Mps2Chip::route(uint32_t interrupt, StaticRef<InterruptService const> service) const {
  if (interrupt >= arch::kNvicInterrupts) { KEEL_PANIC("no such NVIC interrupt"); }
  services_[interrupt].set(service);
  nvic_->enable(interrupt);
}

void Mps2Chip::service_pending_interrupts() const {
  uint32_t pending = nvic_->pending_enabled();
  while (pending != 0) {
    uint32_t const interrupt = lowest_set_bit(pending);
    pending &= ~(1U << interrupt);
    // Cleared after the driver has lowered the device's line: pending is latched, so clearing it first would leave
    // it set once the line drops, and the loop would come back for nothing. Device lines are level signals, and
    // clearing a line that is still high (the device has more) leaves it pending: nothing is lost.
    services_[interrupt].map([](InterruptService const& service) { service.handle_interrupt(); });
    nvic_->clear_pending(interrupt);
  }
}

void Mps2Chip::sleep() const { keel_cm_wait_for_interrupt(); }

}  // namespace keel::chips::mps2_an386
