// SPDX-License-Identifier: Apache-2.0
// A UART sender that appends a trailer after starting the transmission.
#include "kernel/core/buffer_result.h"
#include "kernel/core/take_cell.h"
#include "kernel/hil/uart.h"

namespace keel::capsules {

class Sender119 final : public hil::uart::TransmitClient {
 public:
  Sender119(StaticRef<hil::uart::Uart const> uart, StaticBuffer<uint8_t> buffer) : uart_(uart), buffer_(move(buffer)) {}

  Result<void> send(uint8_t byte) const {
    Option<StaticBuffer<uint8_t>> taken = buffer_.take();
    if (taken.is_none()) { return Error(ErrorCode::Busy); }
    StaticBuffer<uint8_t> buffer = move(taken).value();
    buffer.slice()[0] = byte;
    BufferResult<uint8_t> started = uart_->transmit_buffer(move(buffer), 2);
    buffer.slice()[1] = 0x55;
    return started.status();
  }
  void transmitted_buffer(StaticBuffer<uint8_t> buffer, usize /*length*/, Result<void> /*status*/) const override {
    buffer_.put(move(buffer));
  }

 private:
  StaticRef<hil::uart::Uart const> uart_;
  TakeCell<StaticBuffer<uint8_t>> buffer_;
};

}  // namespace keel::capsules
