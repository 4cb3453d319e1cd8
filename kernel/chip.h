// SPDX-License-Identifier: Apache-2.0
// What the kernel loop needs from a chip: find and service pending interrupts, and sleep until one arrives.
// The kernel runs with interrupts masked; a chip's interrupt work happens here, called from the loop (the "bottom
// half"), so driver code never runs in interrupt context.
#pragma once

namespace keel {

class Chip {
 public:
  /// Runs the handler of every pending interrupt source (UART, timer, virtio...).
  virtual void service_pending_interrupts() const = 0;
  virtual bool has_pending_interrupts() const = 0;
  /// Waits for an interrupt (WFI); returns when one is pending.
  virtual void sleep() const = 0;

 protected:
  ~Chip() = default;
};

}  // namespace keel
