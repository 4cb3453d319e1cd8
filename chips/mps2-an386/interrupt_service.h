// SPDX-License-Identifier: Apache-2.0
// What the chip's interrupt dispatch (Mps2Chip) calls for an NVIC line: the driver of the device behind it.
#pragma once

namespace keel::chips::mps2_an386 {

/// A driver that services an interrupt line.
class InterruptService {
 public:
  virtual void handle_interrupt() const = 0;

 protected:
  ~InterruptService() = default;
};

}  // namespace keel::chips::mps2_an386
