// SPDX-License-Identifier: Apache-2.0
// The C-linkage functions switch.S and start.S provide to C++, the ones they call, and the state they save.
//
// TRUSTED: declares the assembly the kernel calls (no untrusted extern "C"), and SavedState, whose layout switch.S
// writes by offset: an untrusted definition could shrink it under the assembly's stores.
#pragma once

#include <stddef.h>

#include "kernel/core/array.h"
#include "kernel/core/types.h"

namespace keel::arch {

/// What switch.S saves when a process stops running: addressed by offset there, keep the layout.
struct SavedState {
  Array<uint32_t, 8> r4_to_r11{};  // 0
  uint32_t psp = 0;                // 32
  uint32_t reason = 0;             // 36: kTrapSvc, kTrapInterrupt or kTrapFault
  uint32_t exception = 0;          // 40: IPSR, the exception number
  uint32_t cfsr = 0;               // 44: configurable fault status (MemManage, BusFault, UsageFault)
  uint32_t mmfar = 0;              // 48
  uint32_t bfar = 0;               // 52
  uint32_t hfsr = 0;               // 56
  uint32_t svc_number = 0;         // 60: the immediate of the svc a process trapped with
};
inline constexpr uint32_t kTrapSvc = 0;
inline constexpr uint32_t kTrapInterrupt = 1;
inline constexpr uint32_t kTrapFault = 2;

static_assert(offsetof(SavedState, psp) == 32 && offsetof(SavedState, reason) == 36 &&
                  offsetof(SavedState, exception) == 40 && offsetof(SavedState, cfsr) == 44 &&
                  offsetof(SavedState, mmfar) == 48 && offsetof(SavedState, bfar) == 52 &&
                  offsetof(SavedState, hfsr) == 56 && offsetof(SavedState, svc_number) == 60 &&
                  sizeof(SavedState) == 64,
              "switch.S writes these offsets");

}  // namespace keel::arch

extern "C" {
/// Enters the process whose registers `state` holds; returns when it traps, with `state` updated.
void keel_cm_switch_to_user(keel::arch::SavedState& state);
/// Waits for an interrupt with interrupts masked (it stays pending for the kernel to service).
void keel_cm_wait_for_interrupt();
/// A fault in the kernel itself (handler or privileged thread mode): `frame` is the stacked r0-r3, r12, lr, pc,
/// xPSR, `exc_return` the handler's lr. Never returns.
[[noreturn]] void keel_cm_kernel_fault(uint32_t const* frame, uint32_t exc_return, uint32_t exception);
/// The board's C++ entry, after .data and .bss are set up.
[[noreturn]] void keel_board_main();
}
