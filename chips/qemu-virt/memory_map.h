// SPDX-License-Identifier: Apache-2.0
// Where QEMU's RISC-V virt machine (QEMU 7.2, hw/riscv/virt.c `virt_memmap` and include/hw/riscv/virt.h) puts the
// devices Keel drives, and which PLIC sources they raise.
//
// Setup: a board maps each block once, e.g.
//   auto& uart_registers = mmio::map_registers<Uart16550Registers>(qemu_virt::kUartBase);
#pragma once

#include "kernel/core/types.h"

namespace keel::chips::qemu_virt {

/// sifive_test "finisher": 0x5555 ends QEMU with status 0, 0x3333 | (code << 16) with `code`.
inline constexpr uintptr_t kTestFinisherBase = 0x0010'0000;
/// CLINT (ACLINT MSWI at +0, MTIMER at +0x4000).
inline constexpr uintptr_t kClintBase = 0x0200'0000;
inline constexpr uintptr_t kPlicBase = 0x0C00'0000;
inline constexpr uintptr_t kUartBase = 0x1000'0000;
/// Slot n of the virtio-mmio transports sits at kVirtioBase + n * kVirtioSlotStride.
inline constexpr uintptr_t kVirtioBase = 0x1000'1000;
inline constexpr uintptr_t kVirtioSlotStride = 0x1000;
inline constexpr usize kVirtioSlots = 8;
/// Parallel flash bank 0 (pflash_cfi01, `-drive if=pflash,unit=0`): 32 MiB at 0x2000_0000; bank 1 follows it.
inline constexpr uintptr_t kPflashBase = 0x2000'0000;
inline constexpr usize kPflashBankSize = 32U * 1024U * 1024U;
/// The mask ROM holding QEMU's reset vector (hw/riscv/boot.c riscv_setup_rom_reset_vec).
inline constexpr uintptr_t kResetRomBase = 0x0000'1000;

/// PLIC interrupt sources (virt.h: UART0_IRQ = 10, VIRTIO_IRQ = 1 for slot 0 up to 8 for slot 7).
inline constexpr uint32_t kUartIrq = 10;
inline constexpr uint32_t kFirstVirtioIrq = 1;
constexpr uint32_t virtio_irq(usize slot) { return kFirstVirtioIrq + static_cast<uint32_t>(slot); }

/// The machine timer counts at 10 MHz (RISCV_ACLINT_DEFAULT_TIMEBASE_FREQ).
inline constexpr uint32_t kTimebaseHz = 10'000'000;
/// The UART's input clock as the device tree states it ("clock-frequency" of /soc/serial).
inline constexpr uint32_t kUartClockHz = 3'686'400;

}  // namespace keel::chips::qemu_virt
