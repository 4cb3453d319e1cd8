// SPDX-License-Identifier: Apache-2.0
// The C-linkage functions switch.S and start.S provide to C++, the ones they call, and the check of the state they
// save.
//
// TRUSTED: declares the assembly the kernel calls (no untrusted extern "C"); holds the (untrusted) SavedState of
// saved_state.h to the layout switch.S writes by offset; ProcessEntry::enter checks where the assembly will store a
// frame.
#pragma once

#include <stddef.h>

#include "arch/cortex-m/saved_state.h"
#include "kernel/core/annotations.h"
#include "kernel/core/array.h"
#include "kernel/core/types.h"
#include "kernel/core/utility.h"
#include "kernel/process_memory.h"
#include "kernel/syscall.h"

namespace keel::arch {

// switch.S stores to every byte of SavedState, by offset (STATE_* there): each field at the offset it uses, of the
// type it expects (uint32_t words, the Arrays of them, the Syscall; an Array holds its C array and nothing else),
// and nothing else in the struct, so that no edit of saved_state.h, syscall.h or array.h can make the assembly store
// outside the object or into a value of another type.
template <usize N>
inline constexpr bool holds_words =
    sizeof(Array<uint32_t, N>) == 4 * N && is_same<decltype(Array<uint32_t, N>::items), uint32_t[N]>;
#define KEEL_AT(type, offset, field, ...) \
  (offsetof(type, field) == (offset) && is_same<decltype(type::field), __VA_ARGS__>)
static_assert(__is_standard_layout(SavedState) && sizeof(SavedState) == 100 && alignof(SavedState) == 4 &&
              KEEL_AT(SavedState, 0, psp, uint32_t) && KEEL_AT(SavedState, 4, reason, uint32_t) &&
              KEEL_AT(SavedState, 8, write_frame, uint32_t) && KEEL_AT(SavedState, 12, r4_to_r11, Array<uint32_t, 8>) &&
              KEEL_AT(SavedState, 44, exception, uint32_t) && KEEL_AT(SavedState, 48, cfsr, uint32_t) &&
              KEEL_AT(SavedState, 52, hfsr, uint32_t) && KEEL_AT(SavedState, 56, mmfar, uint32_t) &&
              KEEL_AT(SavedState, 60, bfar, uint32_t) && KEEL_AT(SavedState, 64, syscall, Syscall) &&
              KEEL_AT(SavedState, 84, control, Array<uint32_t, 4>) && KEEL_AT(Syscall, 0, args, Array<uint32_t, 4>) &&
              KEEL_AT(Syscall, 16, class_number, uint32_t) && holds_words<8> && holds_words<4>,
              "switch.S stores these fields at these offsets");
#undef KEEL_AT

}  // namespace keel::arch

extern "C" {
/// Enters the process whose registers `state` holds; returns when it traps, with `state` updated (write_frame
/// cleared). With write_frame set it first stores the frame at `state.psp`, wherever that is: only
/// ProcessEntry::enter (below) calls it.
KEEL_UNSAFE void keel_cm_switch_to_user(keel::arch::SavedState& state);
/// Waits for an interrupt with interrupts masked (it stays pending for the kernel to service).
void keel_cm_wait_for_interrupt();
/// A fault in the kernel itself (handler or privileged thread mode): the fault status registers as the handler read
/// them, and `lr` and `pc` from the frame the hardware pushed. Never returns.
[[noreturn]] void keel_cm_kernel_fault(uint32_t cfsr, uint32_t hfsr, uint32_t mmfar, uint32_t bfar, uint32_t lr,
                                       uint32_t pc);
/// The kernel's main stack ran into the guard below it (`stack_pointer` is where it was, `cfsr` and `mmfar` the
/// fault status); the handler has moved the stack back to its top. Never returns.
[[noreturn]] void keel_cm_kernel_stack_overflow(uint32_t cfsr, uint32_t stack_pointer, uint32_t mmfar);
/// The board's C++ entry, after .data and .bss are set up.
[[noreturn]] void keel_board_main();
}

namespace keel::arch {

/// The one way into a process. A static member, not a free function: no untrusted file can declare it again (for
/// another SavedState, in a unit where the checks above do not hold).
struct ProcessEntry final {
  /// Enters the process, as keel_cm_switch_to_user, but writes a frame only into RAM the process can reach or once
  /// could (ProcessMemory::holds_frame): false, and nothing run, otherwise. So whatever `state` holds, the switch
  /// stores nothing into a grant, another process or the kernel. The process's MPU regions (3-7) hold `memory`'s
  /// regions as they are now: programmed here when they are not what the MPU holds (another process's, or this
  /// one's before its break, window or claim changed; ProcessMemory tracks which), so no process ever runs with
  /// another's regions or a stale window, whatever the kernel scheduled or changed since. One comparison when
  /// nothing changed: it runs on every entry.
  /// `state` must be `memory`'s process's registers: the first entry after the claim binds them to it, for good, and
  /// any other pairing panics (ProcessMemory::bind_frame), so the (untrusted) caller cannot run one process's code
  /// and registers with another's regions, nor have its frame checked against and written into another's RAM
  /// (escape 450).
  [[nodiscard]] static bool enter(SavedState& state, ProcessMemory const& memory) {
    static_assert(ProcessMemory::kFrameBytes == sizeof(uint32_t) * 8, "switch.S stores 8 words");
    uintptr_t const registers = reinterpret_cast<uintptr_t>(__builtin_addressof(state));
    if (memory.frame_ != registers) [[unlikely]] { memory.bind_frame(registers); }
    if (state.write_frame != 0 && !memory.holds_frame(state.psp)) { return false; }
    if (ProcessMemory::programmed_ != memory.mem_start()) { program(memory); }
    keel_cm_switch_to_user(state);
    return true;
  }

 private:
  /// Writes the MPU's process regions 3-7 with `memory`'s regions and notes them as programmed
  /// (arch/cortex-m/mpu.cpp).
  static void program(ProcessMemory const& memory);
};

}  // namespace keel::arch
