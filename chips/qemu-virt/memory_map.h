// SPDX-License-Identifier: Apache-2.0
// What chip code needs to know of QEMU's RISC-V virt machine (QEMU 7.2, hw/riscv/virt.c `virt_memmap` and
// include/hw/riscv/virt.h): how many virtio transports there are, the flash bank, and which PLIC sources the devices
// raise. Where each register block lies is the trusted board support's alone (boards/qemu-virt-rv32/board_support.h
// maps every block at its own literal address, within its device's window), so nothing here can move one.
#pragma once

#include "kernel/core/types.h"

namespace keel::chips::qemu_virt {

/// Virtio-mmio transports: slots of 4 KiB each.
inline constexpr uintptr_t kVirtioSlotStride = 0x1000;
inline constexpr usize kVirtioSlots = 8;
/// Parallel flash bank 0 (pflash_cfi01, `-drive if=pflash,unit=0`): 32 MiB at 0x2000_0000 (the reset ROM's jump
/// target when the kernel runs from flash); bank 1 follows it.
inline constexpr uintptr_t kPflashBase = 0x2000'0000;
inline constexpr usize kPflashBankSize = 32U * 1024U * 1024U;

/// PLIC interrupt sources (virt.h: UART0_IRQ = 10, VIRTIO_IRQ = 1 for slot 0 up to 8 for slot 7).
inline constexpr uint32_t kUartIrq = 10;
inline constexpr uint32_t kFirstVirtioIrq = 1;
constexpr uint32_t virtio_irq(usize slot) { return kFirstVirtioIrq + static_cast<uint32_t>(slot); }

/// The machine timer counts at 10 MHz (RISCV_ACLINT_DEFAULT_TIMEBASE_FREQ).
inline constexpr uint32_t kTimebaseHz = 10'000'000;
/// The UART's input clock as the device tree states it ("clock-frequency" of /soc/serial).
inline constexpr uint32_t kUartClockHz = 3'686'400;

}  // namespace keel::chips::qemu_virt
