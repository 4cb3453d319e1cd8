// SPDX-License-Identifier: Apache-2.0
// A half-duplex link: transmit and receive "never overlap in time", so they share one buffer.
#include "kernel/core/result.h"
#include "kernel/core/take_cell.h"
#include "kernel/hil/uart.h"

namespace keel::capsules {

class HalfDuplex45 {
 public:
  explicit HalfDuplex45(Slice<uint8_t> buffer) : transmit_(buffer), receive_(buffer) {}

  Result<void> exchange(hil::uart::Uart const& uart) const {
    Option<Slice<uint8_t>> const tx = transmit_.take();
    Option<Slice<uint8_t>> const rx = receive_.take();
    if (tx.is_none() || rx.is_none()) { return Error(ErrorCode::Busy); }
    KEEL_TRY(uart.receive_buffer(rx.value(), rx.value().size()));
    return uart.transmit_buffer(tx.value(), tx.value().size());
  }

 private:
  TakeCell<Slice<uint8_t>> transmit_;
  TakeCell<Slice<uint8_t>> receive_;
};

}  // namespace keel::capsules
