// SPDX-License-Identifier: Apache-2.0
// Lookup table on a hot path; callers guarantee the index.
#include "kernel/core/array.h"

namespace keel::capsules {

uint32_t escape_78_lookup(Array<uint32_t, 8> const& table, usize index) {
  if (index >= table.size()) { __builtin_unreachable(); }
  return table[index];
}

}  // namespace keel::capsules
