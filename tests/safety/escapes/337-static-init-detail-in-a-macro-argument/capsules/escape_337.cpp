// SPDX-License-Identifier: Apache-2.0
// A loopback helper that receives into and sends from one scratch area.
#include "kernel/core/buffer_result.h"
#include "kernel/core/move.h"
#include "kernel/core/static_init.h"
#include "kernel/hil/uart.h"

namespace keel::capsules {

namespace {
constinit uint8_t scratch337[16]{};

/// A buffer parked in static storage until the loopback starts.
struct Parked337 {
  StaticBuffer<uint8_t> buffer;
};
}  // namespace

Result<void> loop_back_337(hil::uart::Uart const& receiver, hil::uart::Uart const& sender) {
  auto const rx = KEEL_STATIC_INIT(Parked337, static_init_detail::static_buffer<scratch337>());
  auto const tx = KEEL_STATIC_INIT(Parked337, static_init_detail::static_buffer<scratch337>());
  BufferResult<uint8_t> received = receiver.receive_buffer(move(rx->buffer), 16);
  if (received.is_error()) { return received.status(); }
  return sender.transmit_buffer(move(tx->buffer), 16).status();
}

}  // namespace keel::capsules
