// SPDX-License-Identifier: Apache-2.0
// A scratch-register driver: a bad index halts the scratch block for good.
#include "kernel/core/array.h"

namespace keel::capsules {

/// Halts the scratch block: the command ends here.
[[noreturn]] void halt_scratch_478(uint32_t index);

uint32_t scratch_command_478(uint32_t index, uint32_t value) {
  Array<uint32_t, 4> scratch{};
  if (index >= scratch.size()) { halt_scratch_478(index); }
  scratch[index] = value;  // GCC: index < 4 here, so Array's own check goes
  return scratch[0];
}

}  // namespace keel::capsules
