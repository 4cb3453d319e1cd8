// SPDX-License-Identifier: Apache-2.0
// A scratch buffer cached across calls.
#include "kernel/core/cell.h"
#include "kernel/core/slice.h"

namespace keel {

struct Scratch100 {
  Slice<uint8_t> bytes;
};
template <> struct IsView<Scratch100> {
  static constexpr bool value = false;
};

namespace capsules {

class Cache100 {
 public:
  void remember(Slice<uint8_t> bytes) const { saved_.set(Scratch100{bytes}); }
  void poison() const { saved_.get().bytes.fill(0xAA); }

 private:
  Cell<Scratch100> saved_{};
};

void escape_100(Cache100 const& cache) {
  uint8_t local[16] = {};
  cache.remember(Slice<uint8_t>(local));
}

}  // namespace capsules
}  // namespace keel
