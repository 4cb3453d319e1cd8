// SPDX-License-Identifier: Apache-2.0
// PLIC driver for context 0 (hart 0, machine mode): which external sources may interrupt, and the claim/complete
// handshake that tells the chip which one did.
//
// Setup (board): `auto& plic = KEEL_STATIC_INIT(Plic, board::plic_registers());`;
// the chip calls initialize() and enable() for each source it routes.
// Usage (chip): `while (auto source = plic.next_pending()) { dispatch(source.value()); plic.complete(source.value()); }`
#pragma once

#include "kernel/core/ref.h"
#include "chips/qemu-virt/plic_registers.h"
#include "kernel/core/option.h"

namespace keel::chips::qemu_virt {

class Plic {
 public:
  explicit Plic(StaticRef<PlicRegisters> registers);
  Plic(Plic const&) = delete;
  Plic& operator=(Plic const&) = delete;

  /// Every source disabled at priority 0, threshold 0 (any enabled source with priority >= 1 interrupts).
  void initialize() const;
  /// Lets `source` (1..95) interrupt context 0, at priority 1. Another number is a wiring bug: kernel panic.
  void enable(uint32_t source) const;
  void disable(uint32_t source) const;
  /// Claims the highest-priority pending enabled source; none when nothing is pending. A claimed source does not
  /// interrupt again until it is completed.
  Option<uint32_t> next_pending() const;
  /// Ends the claim of `source`; it interrupts again if it is still (or again) pending.
  void complete(uint32_t source) const;

 private:
  static void check_source(uint32_t source);

  StaticRef<PlicRegisters> registers_;
};

}  // namespace keel::chips::qemu_virt
