// SPDX-License-Identifier: Apache-2.0
// Hot path of a ring buffer: the index is always masked, so the bounds checks are dead code here.
#include "kernel/core/panic.h"
#undef KEEL_PANIC
#define KEEL_PANIC(why) static_cast<void>(why)
#include "kernel/core/array.h"
#include "kernel/core/slice.h"

namespace keel::capsules {

uint8_t escape_47_peek(Array<uint8_t, 16> const& ring, usize index) { return ring[index]; }
void escape_47_poke(Slice<uint8_t> buffer, usize index, uint8_t value) { buffer[index] = value; }

}  // namespace keel::capsules
