// SPDX-License-Identifier: Apache-2.0
// DMA staging must not cross a 4 KiB page: align the staging copy to a page.
#include "kernel/core/array.h"
#include "kernel/core/slice.h"

namespace keel::capsules {

uint32_t escape_97_checksum(Slice<uint8_t const> data) {
  alignas(4096) Array<uint8_t, 64> staging{};
  usize const copied = staging.as_slice().copy_from(data);
  uint32_t sum = 0;
  for (usize i = 0; i < copied; ++i) { sum += staging[i]; }
  return sum;
}

}  // namespace keel::capsules
