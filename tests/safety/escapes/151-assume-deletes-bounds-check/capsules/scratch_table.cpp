// SPDX-License-Identifier: Apache-2.0
// A four-slot scratch table a debug command writes into.
#include "kernel/core/array.h"
#include "kernel/core/types.h"

namespace keel::capsules {

uint32_t scratch_store(uint32_t index, uint32_t value) {
  Array<uint32_t, 4> scratch{};
  [[assume(index < 4)]];  // the command handler checked it (it did not)
  scratch[index] = value;
  return scratch[0];
}

}  // namespace keel::capsules
