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
template <typename Block, uintptr_t kAddress, usize kWindow> KEEL_UNSAFE StaticRef<Block> map_device() {
  static_assert(sizeof(Block) <= kWindow, "the register layout is larger than its device's window");
  return map_registers<Block>(kAddress);
}

}  // namespace keel::mmio
