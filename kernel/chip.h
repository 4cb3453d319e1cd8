// SPDX-License-Identifier: Apache-2.0
// What the kernel loop needs from a chip: find and service pending interrupts, and sleep until one arrives.
// The kernel runs with interrupts masked; a chip's interrupt work happens here, called from the loop (the "bottom
// half"), so driver code never runs in interrupt context.
//
// A concept, not a virtual interface: the board hands its one chip type to Kernel::run (kernel/kernel_loop.h), so
// the check the loop makes after every system call (has_pending_interrupts) compiles to the register reads
// themselves instead of two calls through a vtable.
#pragma once

#include "kernel/core/utility.h"

namespace keel {

template <typename C>
concept Chip = requires(C const& chip) {
  /// Runs the handler of every pending interrupt source (UART, timer, virtio...).
  chip.service_pending_interrupts();
  /// Whether an enabled interrupt is pending; inline in the chip's header (asked after every system call).
  requires is_same<decltype(chip.has_pending_interrupts()), bool>;
  /// Waits for an interrupt (WFI); returns when one is pending.
  chip.sleep();
};

}  // namespace keel
