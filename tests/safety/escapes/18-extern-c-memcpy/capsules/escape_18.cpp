// SPDX-License-Identifier: Apache-2.0
// Request records of a command-batching capsule, loaded from the app's allowed buffer in one copy.
#include "kernel/core/array.h"
#include "kernel/core/slice.h"

extern "C" void* memcpy(void* destination, void const* source, size_t count);

namespace keel::capsules {

struct Request18 {
  uint32_t command = 0;
  uint32_t length = 0;
  Array<uint8_t, 16> payload{};
};

void escape_18_load(Request18& request, Slice<uint8_t const> allowed) {
  memcpy(&request, allowed.begin(), allowed.size());
}

}  // namespace keel::capsules
