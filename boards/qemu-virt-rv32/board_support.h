// SPDX-License-Identifier: Apache-2.0
// qemu-virt-rv32's trusted board support: the few things the untrusted wiring (main.cpp) needs that the safe subset
// cannot say, each sound whatever the wiring passes, in any order and any number of times:
//   - uart_registers() ... virtio_registers(), pflash_window(), reset_rom_registers(): each device's register block
//     at its memory-map address (chips/qemu-virt/memory_map.h). A block is device memory for the whole run,
//     reached only through typed registers; a second StaticRef to it is no more than a copy of the first.
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

inline StaticRef<Uart16550Registers> uart_registers() { return mmio::map_registers<Uart16550Registers>(kUartBase); }
inline StaticRef<ClintRegisters> clint_registers() { return mmio::map_registers<ClintRegisters>(kClintBase); }
inline StaticRef<PlicRegisters> plic_registers() { return mmio::map_registers<PlicRegisters>(kPlicBase); }
inline StaticRef<TestFinisherRegisters> test_finisher_registers() {
  return mmio::map_registers<TestFinisherRegisters>(kTestFinisherBase);
}
/// The kVirtioSlots virtio-mmio transports, one after the other (a C array: no untrusted template in between).
inline StaticSlice<VirtioMmioRegisters> virtio_registers() {
  return StaticSlice<VirtioMmioRegisters>::assume_static(
      Slice<VirtioMmioRegisters>(mmio::map_registers<VirtioMmioRegisters[kVirtioSlots]>(kVirtioBase).get()));
}
/// Flash bank 0, all of it: device memory whatever the CFI driver does with it (its commands go through the same
/// words), so a second reference is again no more than a copy.
inline StaticRef<PflashWindow> pflash_window() { return mmio::map_registers<PflashWindow>(kPflashBase); }
/// The mask ROM word that says whether a flash image is attached (chips/qemu-virt/reset_rom.h); read-only.
inline StaticRef<ResetRomRegisters> reset_rom_registers() {
  return mmio::map_registers<ResetRomRegisters>(kResetRomBase);
}

// Provided by the wiring.
/// Builds the kernel and runs it; never returns (clang's -Winvalid-noreturn holds the definition to that).
[[noreturn]] void boot();

}  // namespace keel::boards::qemu_virt_rv32
