// SPDX-License-Identifier: Apache-2.0
// A UART sender that can patch the byte in flight (to fix a checksum late).
#include "kernel/core/cell.h"
#include "kernel/core/take_cell.h"
#include "kernel/hil/uart.h"

namespace keel::capsules {

class Sender44 final : public hil::uart::TransmitClient {
 public:
  Sender44(hil::uart::Uart const& uart, Slice<uint8_t> buffer) : uart_(uart), buffer_(buffer) {}

  Result<void> send(uint8_t byte) const {
    Option<Slice<uint8_t>> const taken = buffer_.take();
    if (taken.is_none()) { return Error(ErrorCode::Busy); }
    Slice<uint8_t> const buffer = taken.value();
    in_flight_.set(buffer);
    buffer[0] = byte;
    return uart_.transmit_buffer(buffer, 1);
  }
  void patch(uint8_t byte) const {
    Slice<uint8_t> const buffer = in_flight_.get();
    if (!buffer.is_empty()) { buffer[0] = byte; }
  }
  void transmitted_buffer(Slice<uint8_t> buffer, usize /*length*/, Result<void> /*status*/) const override {
    buffer_.put(buffer);
  }

 private:
  hil::uart::Uart const& uart_;
  TakeCell<Slice<uint8_t>> buffer_;
  Cell<Slice<uint8_t>> in_flight_{};
};

}  // namespace keel::capsules
