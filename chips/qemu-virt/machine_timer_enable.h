// SPDX-License-Identifier: Apache-2.0
// The machine-timer interrupt enable (mie.MTIE) as an InterruptEnable, for the CLINT driver. Target-only: it uses
// the CSR instructions of arch/rv32/csr.h.
//
// Setup (board): `static MachineTimerEnable timer_enable;` then `Clint clint(clint_registers, timer_enable);`.
#pragma once

#include "chips/qemu-virt/interrupt_enable.h"

namespace keel::chips::qemu_virt {

class MachineTimerEnable final : public InterruptEnable {
 public:
  void enable() const override;
  void disable() const override;
};

}  // namespace keel::chips::qemu_virt
