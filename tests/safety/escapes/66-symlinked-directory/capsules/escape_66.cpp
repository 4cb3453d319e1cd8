// SPDX-License-Identifier: Apache-2.0
#include "capsules/escape_66_lib/ring.h"
#include "kernel/core/slice.h"

namespace keel::capsules {

void escape_66_store(Slice<uint8_t> ring, usize index, uint8_t value) { escape_66_slot(ring.begin(), index) = value; }

}  // namespace keel::capsules
