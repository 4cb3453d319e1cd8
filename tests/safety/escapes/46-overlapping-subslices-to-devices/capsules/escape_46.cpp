// SPDX-License-Identifier: Apache-2.0
// Request/reply over one 64-byte buffer: the front holds the request, the back the reply.
#include "kernel/core/result.h"
#include "kernel/hil/uart.h"

namespace keel::capsules {

Result<void> escape_46_exchange(hil::uart::Uart const& uart, Slice<uint8_t> buffer) {
  Slice<uint8_t> const request = buffer.first(40);
  Slice<uint8_t> const reply = buffer.skip(32);
  KEEL_TRY(uart.receive_buffer(reply, reply.size()));
  return uart.transmit_buffer(request, request.size());
}

}  // namespace keel::capsules
