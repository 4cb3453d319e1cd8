// SPDX-License-Identifier: Apache-2.0
// Counters of a network capsule.
#include "kernel/core/map_cell.h"

namespace keel::capsules {

struct Stats43 {
  uint32_t sent = 0;
  uint32_t dropped = 0;
};

class Counters43 {
 public:
  Stats43& stats() const { return stats_.map([](Stats43& stats) -> Stats43& { return stats; }).value(); }
  void count_sent() const {
    static_cast<void>(stats_.map([&](Stats43& stats) {
      Stats43& also = this->stats();  // a second reference to the value being mapped
      also.sent = 0;
      stats.sent += 1;
    }));
  }

 private:
  MapCell<Stats43> stats_{Stats43{}};
};

}  // namespace keel::capsules
