// SPDX-License-Identifier: Apache-2.0
// What switch.S saves when a process stops running, and why it stopped.
//
// Not trusted: switch.S stores into SavedState by offset, so the trusted arch/cortex-m/assembly_entry.h checks this
// definition at compile time (every field switch.S stores to, at its offset and of its type, and the size): an edit
// here that would move a store of the assembly outside the object, or into a field of another type, does not
// compile. Which trap `reason` names is not checked: the kernel acting on the wrong one is a kernel bug, but the
// only write the assembly makes through an address the process chose (the frame at `psp`) is checked by
// ProcessEntry::enter whatever `reason` and `write_frame` hold.
#pragma once

#include "kernel/core/array.h"
#include "kernel/core/types.h"
#include "kernel/syscall.h"

namespace keel::arch {

/// Addressed by offset in switch.S (STATE_*): keep the layout, or change both and assembly_entry.h's check.
struct SavedState {
  uint32_t psp = 0;                // 0
  uint32_t reason = 0;             // 4: kTrapSvc, kTrapInterrupt or kTrapFault
  uint32_t write_frame = 0;        // 8: nonzero: copy the frame to the process stack (at psp) before entering it
  Array<uint32_t, 8> r4_to_r11{};  // 12 (psp, reason, write_frame and r4-r11 are one ldm/stm in switch.S)
  uint32_t exception = 0;          // 44: IPSR, the exception number
  uint32_t cfsr = 0;               // 48: configurable fault status (MemManage, BusFault, UsageFault)
  uint32_t hfsr = 0;               // 52 (CFSR, HFSR, MMFAR, BFAR: the order of the registers, one ldrd/strd pair each)
  uint32_t mmfar = 0;              // 56: BFAR dropped, the process fault report shows MMFAR only ("simplified")
  // 64: the frame the hardware pushes (r0-r3, r12, lr, pc, xPSR), copied here from the process stack after an svc
  // and back before the process runs again when write_frame says so; r0-r3 and the svc's immediate are the Syscall.
  Syscall syscall{};               // 64: r0-r3 (args), 80: the svc's immediate (class_number)
  Array<uint32_t, 4> control{};    // 84: r12, lr, pc, xPSR
};
// The causes switch.S stores in `reason` (TRAP_*: it tests kTrapSvc as zero).
inline constexpr uint32_t kTrapSvc = 0;
inline constexpr uint32_t kTrapInterrupt = 1;
inline constexpr uint32_t kTrapFault = 2;

}  // namespace keel::arch
