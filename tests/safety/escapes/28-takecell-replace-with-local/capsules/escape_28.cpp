// SPDX-License-Identifier: Apache-2.0
// Staging of outgoing blocks.
#include "kernel/core/array.h"
#include "kernel/core/take_cell.h"

namespace keel::capsules {

struct Block28 {
  Array<uint8_t, 64> bytes{};
  usize length = 0;
};

class Staging28 {
 public:
  explicit Staging28(Block28& block) : block_(block) {}

  /// Stages a one-byte header block built here; the regular block comes back when the header is sent.
  void stage_header(uint8_t kind) const {
    Block28 header{};
    header.bytes[0] = kind;
    header.length = 1;
    static_cast<void>(block_.replace(header));
  }
  usize staged_length() const { return block_.map_or(usize{0}, [](Block28& block) { return block.length; }); }

 private:
  TakeCell<Block28> block_;
};

}  // namespace keel::capsules
