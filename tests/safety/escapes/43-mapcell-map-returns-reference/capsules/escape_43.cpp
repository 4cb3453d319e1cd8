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
    Stats43& escaped = stats();  // outlives its map(): the cell holds the value again
    static_cast<void>(stats_.map([&](Stats43& stats) {
      escaped.sent = 0;  // two live mutable references to one Stats
      stats.sent += 1;
    }));
  }

 private:
  MapCell<Stats43> stats_{Stats43{}};
};

}  // namespace keel::capsules
