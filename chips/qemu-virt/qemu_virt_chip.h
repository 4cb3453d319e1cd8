// SPDX-License-Identifier: Apache-2.0
// The chip of QEMU's RISC-V virt machine as the kernel loop sees it (the keel::Chip concept): which interrupts are pending,
// which driver handles each, and how to sleep. Target-only: it reads mip/mie and executes wfi (arch/rv32/csr.h).
//
// Setup (board), after the drivers exist:
//   auto& chip = KEEL_STATIC_INIT(QemuVirtChip, plic, clint, uart);
//   chip.initialize();                                   // PLIC cleared, UART source enabled, mie.MEIE set
//   chip.register_virtio_device(rng.slot().value(), rng);  // for each virtio driver that found its device
// Usage: the kernel loop calls service_pending_interrupts(), has_pending_interrupts() and sleep().
//
// Interrupts are never taken in machine mode (mstatus.MIE stays 0): a pending, enabled interrupt either traps out
// of a process (U-mode) back into the kernel loop, or ends the wfi in sleep(); the loop then polls here.
#pragma once

#include "kernel/core/ref.h"
#include "chips/qemu-virt/clint.h"
#include "chips/qemu-virt/memory_map.h"
#include "chips/qemu-virt/plic.h"
#include "chips/qemu-virt/uart_16550.h"
#include "chips/qemu-virt/virtio_device.h"
#include "arch/rv32/csr.h"
#include "kernel/chip.h"
#include "kernel/core/array.h"
#include "kernel/core/optional_cell.h"

namespace keel::chips::qemu_virt {

class QemuVirtChip final {
 public:
  /// Claims served per call; anything still pending keeps mip.MEIP set and is served on the next pass.
  static constexpr uint32_t kMaxClaimsPerService = 32;

  QemuVirtChip(StaticRef<Plic const> plic, StaticRef<Clint const> clint, StaticRef<Uart16550 const> uart);
  QemuVirtChip(QemuVirtChip const&) = delete;
  QemuVirtChip& operator=(QemuVirtChip const&) = delete;

  /// PLIC: all sources off, then the UART's and every registered virtio slot's on; mie.MEIE on. The CLINT driver
  /// switches mie.MTIE itself when it arms and disarms.
  void initialize() const;
  /// Routes virtio slot `slot` (PLIC source 1 + slot) to `device` and enables that source. Slot >= 8 is a wiring
  /// bug: kernel panic.
  void register_virtio_device(usize slot, StaticRef<VirtioDevice const> device) const;

  void service_pending_interrupts() const;
  bool has_pending_interrupts() const {
    return (arch::rv32::read_mip() & arch::rv32::read_mie() & kServicedInterrupts) != 0;
  }
  void sleep() const;

  static constexpr uint32_t kServicedInterrupts =
      arch::rv32::kMachineTimerInterrupt | arch::rv32::kMachineExternalInterrupt;

 private:
  void service_external_interrupts() const;
  void dispatch(uint32_t source) const;

  StaticRef<Plic const> plic_;
  StaticRef<Clint const> clint_;
  StaticRef<Uart16550 const> uart_;
  Array<ClientCell<VirtioDevice>, kVirtioSlots> virtio_devices_{};
};

static_assert(Chip<QemuVirtChip>);

}  // namespace keel::chips::qemu_virt
