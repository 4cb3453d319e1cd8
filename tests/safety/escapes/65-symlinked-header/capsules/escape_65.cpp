// SPDX-License-Identifier: Apache-2.0
#include "capsules/escape_65_shared.h"
#include "kernel/core/slice.h"

namespace keel::capsules {

uint8_t escape_65_peek(Slice<uint8_t const> bytes, usize index) { return escape_65_byte(bytes.begin(), index); }

}  // namespace keel::capsules
