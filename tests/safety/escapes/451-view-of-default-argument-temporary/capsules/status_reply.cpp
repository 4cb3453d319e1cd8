// SPDX-License-Identifier: Apache-2.0
// A status reply formatted in a workspace: the caller's, or (by default) a fresh one.
#include "kernel/core/annotations.h"
#include "kernel/core/array.h"
#include "kernel/core/slice.h"
#include "kernel/core/types.h"

namespace keel::capsules {

struct Workspace451 {
  Array<uint8_t, 64> bytes{};
};

/// The reply area of `workspace` (a view into it, so lifetimebound): header byte, then the status words.
Slice<uint8_t> reply_area_451(Workspace451&& workspace KEEL_LIFETIMEBOUND = Workspace451{}) {
  return workspace.bytes.as_slice().skip(1);
}

/// Sets byte `offset` of a status reply to `value` (both from a process's command) and gives the reply's checksum.
uint32_t status_reply_451(uint32_t offset, uint8_t value) {
  // The default workspace is a temporary of this full-expression: it is gone once `reply` is initialised.
  Slice<uint8_t> const reply = reply_area_451();
  Array<uint32_t, 4> counters{};  // may take the dead workspace's stack slot
  reply[offset % reply.size()] = value;
  uint32_t sum = 0;
  for (uint8_t const byte : reply) { sum += byte; }
  for (uint32_t const counter : counters) { sum += counter; }
  return sum;
}

}  // namespace keel::capsules
