// SPDX-License-Identifier: Apache-2.0
// The C-linkage functions switch.S and start.S provide to C++, the ones they call, and the state they save.
//
// TRUSTED: declares the assembly the kernel calls (no untrusted extern "C"), SavedState, whose layout switch.S
// writes by offset (an untrusted definition could shrink it under the assembly's stores), and enter_process, which
// checks where the assembly will store a frame.
#pragma once

#include <stddef.h>

#include "kernel/core/annotations.h"
#include "kernel/core/array.h"
#include "kernel/core/types.h"
#include "kernel/process_memory.h"
#include "kernel/syscall.h"

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
  uint32_t write_frame = 0;        // 60: nonzero: copy the frame to the process stack (at psp) before entering it
  // 64: the frame the hardware pushes (r0-r3, r12, lr, pc, xPSR), copied here from the process stack after an svc
  // and back before the process runs again when write_frame says so; r0-r3 and the svc's immediate are the Syscall.
  Syscall syscall{};                // 64: r0-r3 (args), 80: the svc's immediate (class_number)
  Array<uint32_t, 4> control{};    // 84: r12, lr, pc, xPSR
};
inline constexpr uint32_t kTrapSvc = 0;
inline constexpr uint32_t kTrapInterrupt = 1;
inline constexpr uint32_t kTrapFault = 2;

static_assert(offsetof(SavedState, psp) == 32 && offsetof(SavedState, reason) == 36 &&
                  offsetof(SavedState, exception) == 40 && offsetof(SavedState, cfsr) == 44 &&
                  offsetof(SavedState, mmfar) == 48 && offsetof(SavedState, bfar) == 52 &&
                  offsetof(SavedState, hfsr) == 56 && offsetof(SavedState, write_frame) == 60 &&
                  offsetof(SavedState, syscall) == 64 && offsetof(Syscall, class_number) == 16 &&
                  offsetof(SavedState, control) == 84 && sizeof(SavedState) == 100,
              "switch.S writes these offsets");

}  // namespace keel::arch

extern "C" {
/// Enters the process whose registers `state` holds; returns when it traps, with `state` updated. With
/// write_frame set it first stores the frame at `state.psp`, wherever that is: only enter_process (below) calls it.
KEEL_UNSAFE void keel_cm_switch_to_user(keel::arch::SavedState& state);
/// Waits for an interrupt with interrupts masked (it stays pending for the kernel to service).
void keel_cm_wait_for_interrupt();
/// A fault in the kernel itself (handler or privileged thread mode): `pc` and `lr` from the frame the hardware
/// pushed, and the fault status registers as the handler read them. Never returns.
[[noreturn]] void keel_cm_kernel_fault(uint32_t pc, uint32_t lr, uint32_t cfsr, uint32_t hfsr, uint32_t mmfar,
                                       uint32_t bfar);
/// The kernel's main stack ran into the guard below it (`stack_pointer` is where it was, `cfsr` and `mmfar` the
/// fault status); the handler has moved the stack back to its top. Never returns.
[[noreturn]] void keel_cm_kernel_stack_overflow(uint32_t stack_pointer, uint32_t cfsr, uint32_t mmfar);
/// The board's C++ entry, after .data and .bss are set up.
[[noreturn]] void keel_board_main();
}

namespace keel::arch {

/// Enters the process, as keel_cm_switch_to_user, but writes a frame only into RAM the process can reach or once
/// could (ProcessMemory::holds_frame): false, and nothing run, otherwise. So whatever `state` holds, the switch
/// stores nothing into a grant, another process or the kernel.
[[nodiscard]] inline bool enter_process(SavedState& state, ProcessMemory const& memory) {
  static_assert(ProcessMemory::kFrameBytes == sizeof(uint32_t) * 8, "switch.S stores 8 words");
  if (state.write_frame != 0 && !memory.holds_frame(state.psp)) { return false; }
  keel_cm_switch_to_user(state);
  return true;
}

}  // namespace keel::arch
