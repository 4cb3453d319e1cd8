// SPDX-License-Identifier: Apache-2.0
// The chip of QEMU's mps2-an386 as the kernel loop sees it (the keel::Chip concept): the NVIC's pending interrupts, the driver
// that services each, and sleep.
//
// Setup (board), after the drivers exist:
//   auto chip = KEEL_STATIC_INIT(Mps2Chip, nvic);
//   chip->initialize();
//   chip->route(kUart0ReceiveInterrupt, uart);  // for each interrupt a driver services; enables it
// Usage: the kernel loop calls service_pending_interrupts(), has_pending_interrupts() and sleep().
//
// The kernel runs with every interrupt masked (BASEPRI, arch/cortex-m/switch.S): an interrupt is taken only while
// a process runs, and only to bring the kernel back; it stays pending until the loop services it here.
#pragma once

#include "arch/cortex-m/nvic.h"
#include "chips/mps2-an386/interrupt_service.h"
#include "kernel/chip.h"
#include "kernel/core/array.h"
#include "kernel/core/optional_cell.h"
#include "kernel/core/ref.h"

namespace keel::chips::mps2_an386 {

class Mps2Chip final {
 public:
  explicit Mps2Chip(StaticRef<arch::Nvic const> nvic) : nvic_(nvic) {}
  Mps2Chip(Mps2Chip const&) = delete;
  Mps2Chip& operator=(Mps2Chip const&) = delete;

  /// Every interrupt off, not pending, at the priority the kernel's BASEPRI masks.
  void initialize() const;
  /// `service` handles interrupt `interrupt` from now on, which is enabled. A number beyond the NVIC's is a wiring
  /// bug: kernel panic.
  void route(uint32_t interrupt, StaticRef<InterruptService const> service) const;

  void service_pending_interrupts() const;
  bool has_pending_interrupts() const { return nvic_->pending_enabled() != 0; }
  void sleep() const;

 private:
  StaticRef<arch::Nvic const> nvic_;
  Array<ClientCell<InterruptService>, arch::kNvicInterrupts> services_{};
};

static_assert(Chip<Mps2Chip>);

}  // namespace keel::chips::mps2_an386
