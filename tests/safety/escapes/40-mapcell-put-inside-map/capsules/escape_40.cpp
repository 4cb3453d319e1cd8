// SPDX-License-Identifier: Apache-2.0
// Request accumulation for a batching capsule.
#include "kernel/core/array.h"
#include "kernel/core/map_cell.h"

namespace keel::capsules {

struct Request40 {
  Array<uint8_t, 8> data{};
  usize length = 0;
};

class Batcher40 {
 public:
  void add(uint8_t byte) const {
    static_cast<void>(current_.map([&](Request40& request) {
      if (request.length == request.data.size()) {
        current_.put(Request40{});  // start a new batch, then account for it
        static_cast<void>(current_.map([&](Request40& fresh) { fresh.length = 0; }));
      }
      request.data[request.length] = byte;  // `request` and `fresh` were the same object
      request.length += 1;
    }));
  }

 private:
  MapCell<Request40> current_{Request40{}};
};

}  // namespace keel::capsules
