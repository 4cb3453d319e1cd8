// SPDX-License-Identifier: Apache-2.0
// A loopback helper that receives into and sends from one scratch area.
#include "kernel/core/buffer_result.h"
#include "kernel/core/static_init.h"
#include "kernel/hil/uart.h"

namespace keel::capsules {

namespace {
constinit uint8_t scratch120[16]{};
}  // namespace

Result<void> loop_back(hil::uart::Uart const& receiver, hil::uart::Uart const& sender) {
  BufferResult<uint8_t> received = receiver.receive_buffer(static_init_detail::static_buffer<scratch120>(), 16);
  if (received.is_error()) { return received.status(); }
  return sender.transmit_buffer(static_init_detail::static_buffer<scratch120>(), 16).status();
}

}  // namespace keel::capsules
