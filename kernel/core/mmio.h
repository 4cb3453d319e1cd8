// SPDX-License-Identifier: Apache-2.0
// The one place that turns a fixed physical address into a typed register block. Chip drivers take the block as a
// StaticRef, so host tests can hand them a block in ordinary memory instead.
//
// TRUSTED: converts an integer address into a reference.
#pragma once

#include "kernel/core/ref.h"
#include "kernel/core/types.h"

namespace keel::mmio {

/// The register block of type Block at `address`, which must be where the chip's memory map puts such a block.
/// Unsafe: only board code, with addresses from the memory map, calls it.
template <typename Block> KEEL_UNSAFE StaticRef<Block> map_registers(uintptr_t address) {
  return StaticRef<Block>::assume_static(*reinterpret_cast<Block*>(address));
}

/// A device's register block at `kAddress`, a device window of `kWindow` bytes in the board's memory map (board
/// support passes both as literals). The layout is untrusted code, so it must fit the window: no change to a layout
/// (a larger Array, a longer Reserved) can make its registers reach RAM or a neighbouring device.
/// It must also be plain data: device memory holds whatever the device (or, for a flash bank, a process) put there,
/// so a member that holds an address (a Slice, a StaticRef, a Cell of one), a vtable pointer or a reference would
/// give the device or the process a kernel access or jump of its choosing. Every kind that can hold an address is
/// not trivially default-constructible (its pointer starts null, or it has no default), and register cells,
/// Reserved gaps and Arrays of them are.
template <typename Block, uintptr_t kAddress, usize kWindow> KEEL_UNSAFE StaticRef<Block> map_device() {
  static_assert(sizeof(Block) <= kWindow, "the register layout is larger than its device's window");
  static_assert(__is_trivially_constructible(Block),
                "a register layout holds registers only: nothing that keeps an address or a vtable");
  return map_registers<Block>(kAddress);
}

}  // namespace keel::mmio
