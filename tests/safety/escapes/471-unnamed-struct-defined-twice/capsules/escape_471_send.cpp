// SPDX-License-Identifier: Apache-2.0
// The short form of the reply: its status alone.
#include "kernel/core/array.h"

namespace keel::capsules {

typedef struct {
  uint32_t status;
} Reply471;

void fill_reply_471(Reply471& reply, uint32_t value);

uint32_t send_status_471(uint32_t value) {
  Reply471 reply{};
  fill_reply_471(reply, value);  // compiled against the 20-byte Reply471: 16 bytes past this one's end
  return reply.status;
}

}  // namespace keel::capsules
