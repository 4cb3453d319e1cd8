// SPDX-License-Identifier: Apache-2.0
// A capsule's optional staging buffer: none when the request is too large.
#include "kernel/core/array.h"
#include "kernel/core/option.h"
#include "kernel/core/slice.h"

namespace keel::capsules {

Option<Slice<uint8_t>> escape_255_staging(usize wanted) {
  Array<uint8_t, 32> staging{};
  if (wanted > staging.size()) { return none; }
  return Option<Slice<uint8_t>>(staging.as_slice().first(wanted));
}

usize escape_255_stage(Slice<uint8_t const> request) {
  Option<Slice<uint8_t>> staging = escape_255_staging(request.size());
  return staging.is_some() ? staging.value().copy_from(request) : 0;
}

}  // namespace keel::capsules
