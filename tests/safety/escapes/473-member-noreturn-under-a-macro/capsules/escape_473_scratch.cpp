// SPDX-License-Identifier: Apache-2.0
// A strict scratch-register driver: a bad index ends the command in the guard's report.
#define KEEL_STRICT_GUARD_473
#include "capsules/escape_473_guard.h"
#include "kernel/core/array.h"

namespace keel::capsules {

uint32_t scratch_command_473(Guard473 const& guard, uint32_t index, uint32_t value) {
  Array<uint32_t, 4> scratch{};
  if (index >= scratch.size()) { guard.report(index); }
  scratch[index] = value;  // GCC: index < 4 here, so Array's own check goes
  return scratch[0];
}

}  // namespace keel::capsules
