// SPDX-License-Identifier: Apache-2.0
// Fast clearing of a capsule's staging buffer.
#include "kernel/core/slice.h"

namespace keel::capsules {

void escape_76_clear(Slice<uint8_t> staging, uint32_t length) { __builtin_memset(staging.begin(), 0, length); }

}  // namespace keel::capsules
