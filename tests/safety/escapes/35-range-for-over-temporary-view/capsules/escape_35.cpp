// SPDX-License-Identifier: Apache-2.0
// Averaging of sensor samples.
#include "kernel/core/array.h"
#include "kernel/core/cell.h"

namespace keel::capsules {

class Sampler35 {
 public:
  Array<uint32_t, 4> read() const { return samples_.get(); }
  void record(Array<uint32_t, 4> samples) const { samples_.set(samples); }

 private:
  Cell<Array<uint32_t, 4>> samples_{};
};

uint32_t escape_35_sum(Sampler35 const& sampler) {
  uint32_t sum = 0;
  for (uint32_t const sample : sampler.read().as_slice()) { sum += sample; }
  return sum;
}

}  // namespace keel::capsules
