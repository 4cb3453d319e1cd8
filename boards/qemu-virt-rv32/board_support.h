// SPDX-License-Identifier: Apache-2.0
// qemu-virt-rv32's trusted board support: the few things the untrusted wiring (main.cpp) needs that the safe subset
// cannot say, each sound whatever the wiring passes, in any order and any number of times:
//   - uart_registers() ... virtio_registers(), pflash_window(), reset_rom_registers(): each device's register block
//     at its memory-map address, written here, and no larger than the device's window (mmio::map_device). A block
//     is device memory for the whole run, reached only through typed registers; a second StaticRef to it is no more
//     than a copy of the first.
//   - load_processes(kernel), from kernel/linker_regions.h: the app flash and process RAM of layout.ld.
// The wiring provides boot(), and report_panic() and stop_after_panic() for the shared panic path
// (kernel/panic_path.h). board_support.cpp has the entry point start.S calls; the rest is inline here, so that boot
// costs what it did when the board was one file.
//
// TRUSTED: device addresses become register blocks.
#pragma once

#include "chips/qemu-virt/clint_registers.h"
#include "chips/qemu-virt/pflash_window.h"
#include "chips/qemu-virt/plic_registers.h"
#include "chips/qemu-virt/reset_rom.h"
#include "chips/qemu-virt/test_finisher.h"
#include "chips/qemu-virt/uart_16550_registers.h"
#include "chips/qemu-virt/virtio_mmio_registers.h"
#include "kernel/core/mmio.h"
#include "kernel/debug_writer.h"
#include "kernel/kernel.h"
#include "kernel/linker_regions.h"
#include "kernel/panic_path.h"

namespace keel::boards::qemu_virt_rv32 {

using namespace chips::qemu_virt;

// Addresses and windows from QEMU 7.2's virt memory map (hw/riscv/virt.c, virt_memmap), written here and not
// taken from chips/qemu-virt/memory_map.h: an untrusted constant must not decide where a register block lies.
inline StaticRef<Uart16550Registers> uart_registers() {
  return mmio::map_device<Uart16550Registers, 0x1000'0000, 0x100>();
}
inline StaticRef<ClintRegisters> clint_registers() { return mmio::map_device<ClintRegisters, 0x0200'0000, 0x1'0000>(); }
inline StaticRef<PlicRegisters> plic_registers() { return mmio::map_device<PlicRegisters, 0x0C00'0000, 0x60'0000>(); }
inline StaticRef<TestFinisherRegisters> test_finisher_registers() {
  return mmio::map_device<TestFinisherRegisters, 0x0010'0000, 0x1000>();
}
// One 4 KiB slot per transport (program_rings holds the layout to exactly one slot).
inline StaticSlice<VirtioMmioRegisters> virtio_registers() {
  return StaticSlice<VirtioMmioRegisters>::assume_static(
      Slice<VirtioMmioRegisters>(mmio::map_device<VirtioMmioRegisters[8], 0x1000'1000, 8 * 0x1000>().get()));
}
// Flash bank 0 (the pflash device given `-drive if=pflash,unit=0`): 32 MiB.
inline StaticRef<PflashWindow> pflash_window() { return mmio::map_device<PflashWindow, 0x2000'0000, 0x200'0000>(); }
inline StaticRef<ResetRomRegisters> reset_rom_registers() {
  return mmio::map_device<ResetRomRegisters, 0x0000'1000, 0xF000>();
}
[[noreturn]] void boot();

}  // namespace keel::boards::qemu_virt_rv32
