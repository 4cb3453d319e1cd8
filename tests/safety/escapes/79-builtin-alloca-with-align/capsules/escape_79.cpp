// SPDX-License-Identifier: Apache-2.0
// Scratch space sized to the request, on the stack (the kernel has no heap).
#include "kernel/core/slice.h"

namespace keel::capsules {

uint32_t escape_79_checksum(Slice<uint8_t const> data, uint32_t scratch_size) {
  auto* const scratch = static_cast<uint8_t*>(__builtin_alloca_with_align(scratch_size, 64));
  Slice<uint8_t> const buffer = Slice<uint8_t>::from_raw_parts(scratch, scratch_size);
  usize const copied = buffer.copy_from(data);
  uint32_t sum = 0;
  for (usize i = 0; i < copied; ++i) { sum += buffer[i]; }
  return sum;
}

}  // namespace keel::capsules
