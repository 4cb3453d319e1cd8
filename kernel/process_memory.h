// SPDX-License-Identifier: Apache-2.0
// The kernel's only raw access to memory it does not own as C++ objects: process RAM and the app flash region.
// Callers check every range first (Process::in_ram etc.); these functions turn a checked range into a Slice.
#pragma once

#include "kernel/core/slice.h"
#include "kernel/core/types.h"

namespace keel::process_memory {

/// Bytes [address, address + length) as a slice. Only for ranges already checked against a process's memory or the
/// board's app flash region.
Slice<uint8_t> bytes(uint32_t address, uint32_t length);
Slice<uint8_t const> const_bytes(uint32_t address, uint32_t length);
/// Zeroes [address, address + length) with word stores (process RAM at every start, new grants).
void zero(uint32_t address, uint32_t length);

}  // namespace keel::process_memory
