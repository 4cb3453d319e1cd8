// SPDX-License-Identifier: Apache-2.0
// Prepared replies of a request/response capsule.
#include "kernel/core/array.h"
#include "kernel/core/optional_cell.h"
#include "kernel/core/slice.h"

namespace keel::capsules {

class Replies29 {
 public:
  void prepare(uint8_t status) const { pending_.set(Array<uint8_t, 2>{{0x5A, status}}.as_slice()); }
  usize send(Slice<uint8_t> out) const {
    return pending_.take().map([&](Slice<uint8_t> reply) { return out.copy_from(reply); }).value_or(0);
  }

 private:
  OptionalCell<Slice<uint8_t>> pending_{};
};

}  // namespace keel::capsules
