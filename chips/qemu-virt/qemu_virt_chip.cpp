// SPDX-License-Identifier: Apache-2.0
#include "chips/qemu-virt/qemu_virt_chip.h"

#include "arch/rv32/csr.h"
#include "kernel/core/panic.h"

namespace keel::chips::qemu_virt {

QemuVirtChip::QemuVirtChip(StaticRef<Plic const> plic, StaticRef<Clint const> clint, StaticRef<Uart16550 const> uart)
    : plic_(plic), clint_(clint), uart_(uart) {}

void QemuVirtChip::initialize() const {
  plic_->initialize();
  plic_->enable(kUartIrq);
  for (usize slot = 0; slot < kVirtioSlots; ++slot) {
    if (virtio_devices_[slot].is_some()) { plic_->enable(virtio_irq(slot)); }
  }
  arch::rv32::set_mie_bits(arch::rv32::kMachineExternalInterrupt);
}

void QemuVirtChip::register_virtio_device(usize slot, StaticRef<VirtioDevice const> device) const {
  if (slot >= kVirtioSlots) { KEEL_PANIC("virtio slot out of range"); }
  virtio_devices_[slot].set(device);
  plic_->enable(virtio_irq(slot));
}

void QemuVirtChip::service_pending_interrupts() const {
  uint32_t const pending = arch::rv32::read_mip() & arch::rv32::read_mie();
  if ((pending & arch::rv32::kMachineTimerInterrupt) != 0) { clint_->handle_interrupt(); }
  if ((pending & arch::rv32::kMachineExternalInterrupt) != 0) { service_external_interrupts(); }
}

void QemuVirtChip::sleep() const { arch::rv32::wait_for_interrupt(); }

void QemuVirtChip::service_external_interrupts() const {
  for (uint32_t count = 0; count < kMaxClaimsPerService; ++count) {
    Option<uint32_t> const source = plic_->next_pending();
    if (source.is_none()) { return; }
    dispatch(source.value());
    plic_->complete(source.value());
  }
}

void QemuVirtChip::dispatch(uint32_t source) const {
  if (source == kUartIrq) {
    uart_->handle_interrupt();
    return;
  }
  if (source >= kFirstVirtioIrq && source < kFirstVirtioIrq + kVirtioSlots) {
    // A source with no registered driver is never enabled, so an empty entry here only means a stale claim.
    virtio_devices_[source - kFirstVirtioIrq].map([](VirtioDevice const& device) { device.handle_interrupt(); });
  }
}

}  // namespace keel::chips::qemu_virt
