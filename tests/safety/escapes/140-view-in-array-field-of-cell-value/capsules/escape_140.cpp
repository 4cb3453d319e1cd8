// SPDX-License-Identifier: Apache-2.0
// A scatter list for a two-part transfer, staged at command time and written out by the next interrupt.
#include "kernel/core/array.h"
#include "kernel/core/cell.h"
#include "kernel/core/slice.h"

namespace keel::capsules {

struct ScatterList140 {
  Array<Slice<uint8_t>, 2> parts{};
};

class Transfer140 {
 public:
  void stage() const {
    Array<uint8_t, 8> header{};
    Array<uint8_t, 24> body{};
    staged_.set(ScatterList140{{{header.as_slice(), body.as_slice()}}});
  }
  void flush(uint8_t value) const {
    ScatterList140 const staged = staged_.get();
    for (usize part = 0; part < 2; ++part) {
      Slice<uint8_t> const bytes = staged.parts[part];
      for (usize i = 0; i < bytes.size(); ++i) { bytes[i] = value; }
    }
  }

 private:
  Cell<ScatterList140> staged_{};
};

}  // namespace keel::capsules
