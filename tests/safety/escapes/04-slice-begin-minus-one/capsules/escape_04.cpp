// SPDX-License-Identifier: Apache-2.0
// Length-prefixed records: the byte before each payload is its length.
#include "kernel/core/slice.h"

namespace keel::capsules {

/// The length prefix of a payload view (the prefix sits right before the payload).
uint8_t escape_04_length_prefix(Slice<uint8_t const> payload) { return *(payload.begin() - 1); }

}  // namespace keel::capsules
