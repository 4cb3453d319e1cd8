// SPDX-License-Identifier: Apache-2.0
// Nesting depth of a TLV-encoded request from a process.
#include "kernel/core/slice.h"

namespace keel::capsules {

uint32_t nested_depth_139(Slice<uint8_t const> request) {
  auto const walk = [](auto const& self, Slice<uint8_t const> bytes) -> uint32_t {
    if (bytes.size() < 2 || bytes[0] != 1) { return 0; }
    return self(self, bytes.skip(2)) + 1;
  };
  return walk(walk, request);
}

}  // namespace keel::capsules
