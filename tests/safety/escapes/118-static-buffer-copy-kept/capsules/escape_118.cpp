// SPDX-License-Identifier: Apache-2.0
// A UART sender that keeps the buffer in flight to fix a checksum late.
#include "kernel/core/buffer_result.h"
#include "kernel/core/take_cell.h"
#include "kernel/hil/uart.h"

namespace keel::capsules {

class Sender118 final : public hil::uart::TransmitClient {
 public:
  Sender118(StaticRef<hil::uart::Uart const> uart, StaticBuffer<uint8_t> buffer) : uart_(uart), buffer_(move(buffer)) {}

  Result<void> send(uint8_t byte) const {
    Option<StaticBuffer<uint8_t>> taken = buffer_.take();
    if (taken.is_none()) { return Error(ErrorCode::Busy); }
    StaticBuffer<uint8_t> copy = taken.value();
    in_flight_.put(copy);
    copy.slice()[0] = byte;
    return uart_->transmit_buffer(move(taken).value(), 1).status();
  }
  void patch(uint8_t byte) const {
    in_flight_.map([&](Slice<uint8_t> bytes) { bytes[0] = byte; });
  }
  void transmitted_buffer(StaticBuffer<uint8_t> buffer, usize /*length*/, Result<void> /*status*/) const override {
    buffer_.put(move(buffer));
  }

 private:
  StaticRef<hil::uart::Uart const> uart_;
  TakeCell<StaticBuffer<uint8_t>> buffer_;
  TakeCell<StaticBuffer<uint8_t>> in_flight_{};
};

}  // namespace keel::capsules
