// SPDX-License-Identifier: Apache-2.0
// Small fixed-size messages sent on the UART.
#include "kernel/core/array.h"
#include "kernel/hil/uart.h"

namespace keel::capsules {

class Message38 {
 public:
  explicit Message38(uint8_t kind) : bytes_{{kind, 0, 0, 0}} {}
  operator Slice<uint8_t>() { return bytes_.as_slice(); }

 private:
  Array<uint8_t, 4> bytes_;
};

Result<void> escape_38_ping(hil::uart::Uart const& uart) {
  Slice<uint8_t> const bytes = Message38(0x10);
  return uart.transmit_buffer(bytes, bytes.size());
}

}  // namespace keel::capsules
