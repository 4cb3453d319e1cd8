// SPDX-License-Identifier: Apache-2.0
// Buffer refill of a streaming capsule.
#include "kernel/core/array.h"
#include "kernel/core/take_cell.h"

namespace keel::capsules {

void escape_41_refill(TakeCell<Array<uint8_t, 64>> const& cell, uint8_t value) {
  static_cast<void>(cell.map([&](Array<uint8_t, 64>& buffer) {
    cell.put(buffer);  // release it early: the refill below needs it
    static_cast<void>(cell.map([&](Array<uint8_t, 64>& again) { again.as_slice().fill(value); }));
    buffer[0] = 0;
  }));
}

}  // namespace keel::capsules
