// SPDX-License-Identifier: Apache-2.0
// One CPU interrupt-enable bit (a bit of mie on rv32), behind an interface: a driver that switches its own line on
// and off (the CLINT timer) stays host-testable, and only the chip's rv32 implementation touches the CSR
// (machine_timer_enable.h).
#pragma once

namespace keel::chips::qemu_virt {

class InterruptEnable {
 public:
  virtual void enable() const = 0;
  virtual void disable() const = 0;

 protected:
  ~InterruptEnable() = default;
};

}  // namespace keel::chips::qemu_virt
