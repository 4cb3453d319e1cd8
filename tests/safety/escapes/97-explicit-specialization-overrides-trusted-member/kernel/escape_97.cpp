// SPDX-License-Identifier: Apache-2.0
// A faster byte copy for the most common copy_from instantiation (one call, no length comparison).
#include "kernel/core/slice.h"

namespace keel {

template <> template <> usize Slice<uint8_t>::copy_from<uint8_t const>(Slice<uint8_t const> source) const {
  __builtin_memcpy(begin(), source.begin(), source.size());
  return source.size();
}

}  // namespace keel
