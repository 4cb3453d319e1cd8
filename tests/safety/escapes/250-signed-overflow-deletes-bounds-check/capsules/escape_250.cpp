// SPDX-License-Identifier: Apache-2.0
// Latency histogram of a timing capsule: eight buckets by the top bits of the (rounded-up) sample.
#include "kernel/core/array.h"

namespace keel::capsules {

namespace {
usize bucket_of(uint32_t sample) {
  int32_t const delta = static_cast<int32_t>(sample);
  if (delta < 0) { return 0; }        // a negative delta is a clock step back: bucket 0
  int32_t const rounded = delta + 1;  // round up
  return static_cast<usize>(rounded >> 28);
}
}  // namespace

uint32_t escape_250_record(Array<uint32_t, 8>& buckets, uint32_t sample) {
  usize const bucket = bucket_of(sample);
  buckets[bucket] = buckets[bucket] + 1;
  return buckets[bucket];
}

}  // namespace keel::capsules
