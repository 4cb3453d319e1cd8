// SPDX-License-Identifier: Apache-2.0
#include "chips/qemu-virt/machine_timer_enable.h"

#include "arch/rv32/csr.h"

namespace keel::chips::qemu_virt {

void MachineTimerEnable::enable() const { arch::rv32::set_mie_bits(arch::rv32::kMachineTimerInterrupt); }

void MachineTimerEnable::disable() const { arch::rv32::clear_mie_bits(arch::rv32::kMachineTimerInterrupt); }

}  // namespace keel::chips::qemu_virt
