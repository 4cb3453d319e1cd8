// SPDX-License-Identifier: Apache-2.0
// Finds the port object behind a UART client (the clients are ports in this capsule).
#include "kernel/core/cell.h"
#include "kernel/hil/uart.h"

namespace keel::capsules {

template <typename Derived, typename Base> Derived const& escape_72_as(Base const& base) {
  return static_cast<Derived const&>(base);
}

class Port72 final : public hil::uart::TransmitClient {
 public:
  void transmitted_buffer(Slice<uint8_t> /*buffer*/, usize length, Result<void> /*status*/) const override {
    sent_.set(sent_.get() + length);
  }
  void reset() const { sent_.set(0); }

 private:
  Cell<usize> sent_{0};
};

void escape_72_reset(hil::uart::TransmitClient const& client) { escape_72_as<Port72>(client).reset(); }

}  // namespace keel::capsules
