// SPDX-License-Identifier: Apache-2.0
// A byte ring.
#include "kernel/core/slice.h"
#include "capsules/escape_61_ring.inl"

namespace keel::capsules {

uint8_t escape_61_peek(Slice<uint8_t const> ring, usize index) { return escape_61_at(ring, index); }

}  // namespace keel::capsules
