// SPDX-License-Identifier: Apache-2.0
// Packet storage lent to the radio layer.
#include "kernel/core/array.h"
#include "kernel/core/take_cell.h"

namespace keel::capsules {

class Packets42 {
 public:
  explicit Packets42(Array<uint8_t, 64>& storage) : storage_(storage) {}

  /// The storage, to fill in place.
  Array<uint8_t, 64>& storage() const {
    return storage_.map([](Array<uint8_t, 64>& storage) -> Array<uint8_t, 64>& { return storage; }).value();
  }
  Option<Array<uint8_t, 64>&> lend() const { return storage_.take(); }

 private:
  TakeCell<Array<uint8_t, 64>> storage_;
};

void escape_42_fill(Packets42 const& packets) {
  Array<uint8_t, 64>& mine = packets.storage();
  Option<Array<uint8_t, 64>&> const lent = packets.lend();  // the same array, lent again
  mine[0] = 1;
  lent.map([](Array<uint8_t, 64>& other) { other[0] = 2; });
}

}  // namespace keel::capsules
