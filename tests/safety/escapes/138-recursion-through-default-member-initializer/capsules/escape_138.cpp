// SPDX-License-Identifier: Apache-2.0
// Nesting depth of a request from a process: `levels` nested records, each wrapping the next.
#include "kernel/core/types.h"

namespace keel::capsules {

uint32_t nested_depth_138(uint32_t levels);

struct Record138 {
  uint32_t levels = 0;
  uint32_t depth = levels > 0 ? nested_depth_138(levels - 1) + 1 : 0;
};

uint32_t nested_depth_138(uint32_t levels) {
  Record138 const inner{levels};
  return inner.depth;
}

}  // namespace keel::capsules
