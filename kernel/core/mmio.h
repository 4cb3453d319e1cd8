// SPDX-License-Identifier: Apache-2.0
// The one place that turns a fixed physical address into a typed register block. Chip drivers take the block by
// reference, so host tests can hand them a block in ordinary memory instead.
//
// TRUSTED: converts an integer address into a reference.
#pragma once

#include "kernel/core/types.h"

namespace keel::mmio {

/// The register block of type Block at `address`. Only boards and chip constructors call this, with addresses from
/// the chip's memory map.
template <typename Block> Block& map_registers(uintptr_t address) { return *reinterpret_cast<Block*>(address); }

}  // namespace keel::mmio
