// SPDX-License-Identifier: Apache-2.0
// ProcessId: names one run of one process. `index` is its slot in the process table; `identifier` is unique per
// start, so an id kept by a capsule stops matching once the process restarts or ends (a stale id finds nothing).
#pragma once

#include "kernel/core/types.h"

namespace keel {

struct ProcessId {
  uint32_t index = 0;
  uint32_t identifier = 0;

  friend constexpr bool operator==(ProcessId const& a, ProcessId const& b) {
    return a.index == b.index && a.identifier == b.identifier;
  }
};

}  // namespace keel
