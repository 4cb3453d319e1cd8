// SPDX-License-Identifier: Apache-2.0
// Fills the reply record the console sends back: status, then four words of counters.
#include "kernel/core/array.h"

namespace keel::capsules {

typedef struct {
  uint32_t status;
  Array<uint32_t, 4> counters;
} Reply471;

void fill_reply_471(Reply471& reply, uint32_t value) {
  reply.status = 0;
  reply.counters[0] = value;
  reply.counters[1] = value;
  reply.counters[2] = value;
  reply.counters[3] = value;
}

}  // namespace keel::capsules
