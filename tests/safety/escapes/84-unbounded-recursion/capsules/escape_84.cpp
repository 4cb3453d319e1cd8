// SPDX-License-Identifier: Apache-2.0
// Nested TLV records from an app: each record is kind, length, then its child record.
#include "kernel/core/slice.h"

namespace keel::capsules {

uint32_t escape_84_depth(Slice<uint8_t const> record) {
  if (record.size() < 2) { return 0; }
  usize const child_length = record[1];
  return 1 + escape_84_depth(record.skip(2).first(child_length));
}

}  // namespace keel::capsules
