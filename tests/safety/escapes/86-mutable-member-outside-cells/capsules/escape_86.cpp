// SPDX-License-Identifier: Apache-2.0
// Per-kind statistics shared by const& like every kernel object.
#include "kernel/core/array.h"

namespace keel::capsules {

class Stats86 {
 public:
  uint32_t& counter(usize kind) const { return counters_[kind]; }
  Slice<uint32_t> all() const { return counters_.as_slice(); }

 private:
  mutable Array<uint32_t, 4> counters_{};
};

void escape_86_count(Stats86 const& stats) {
  Slice<uint32_t> const all = stats.all();
  uint32_t& first = stats.counter(0);
  all.fill(0);
  first += 1;
}

}  // namespace keel::capsules
