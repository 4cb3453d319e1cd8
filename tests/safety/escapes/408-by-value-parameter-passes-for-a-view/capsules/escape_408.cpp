// SPDX-License-Identifier: Apache-2.0
// Nested frame records for a sensor capsule.
#include "kernel/core/array.h"
#include "kernel/core/slice.h"

namespace keel::capsules {

using Record408 = Array<Array<Array<uint8_t, 8>, 1>, 1>;  // one record of one frame

Slice<uint8_t const> escape_408_body(Record408 record KEEL_LIFETIMEBOUND) {
  Slice<uint8_t const> const body = record[0][0].as_slice().skip(2);
  return body;
}

uint32_t escape_408_sum(uint8_t kind) {
  Record408 record{};
  record[0][0][2] = kind;
  uint32_t sum = 0;
  for (uint8_t byte : escape_408_body(record)) { sum += byte; }  // the callee's copy of the record is gone
  return sum;
}

}  // namespace keel::capsules
