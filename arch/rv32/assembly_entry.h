// SPDX-License-Identifier: Apache-2.0
// The C-linkage functions the assembly and the C++ code call across (switch.S, start.S). Declared here, once, so
// that no untrusted file writes extern "C" (which could redeclare any function with another signature): the
// definitions in untrusted files take their linkage from these declarations.
//
// TRUSTED: the signatures must match what the assembly passes and expects; holds the (untrusted) TrapFrame to the
// layout switch.S stores by offset; ProcessEntry::enter, which loads the PMP with the entering process's regions.
#pragma once

#include <stddef.h>

#include "keel_arch/user_context.h"
#include "kernel/core/annotations.h"
#include "kernel/core/types.h"
#include "kernel/core/utility.h"
#include "kernel/process_memory.h"

namespace keel::arch {

// switch.S stores every process register into TrapFrame by offset (x<n> at 4 * n, then pc, mcause, mtval): each
// field where it stores, of the type it expects, words all the way down (an Array holds its C array and nothing
// else), so that no edit of user_context.h, syscall.h or array.h can turn a store into one outside the object or
// into a value of another type.
template <usize N>
inline constexpr bool holds_words =
    sizeof(Array<uint32_t, N>) == 4 * N && is_same<decltype(Array<uint32_t, N>::items), uint32_t[N]>;
#define KEEL_AT(type, offset, field, ...) \
  (offsetof(type, field) == (offset) && is_same<decltype(type::field), __VA_ARGS__>)
static_assert(__is_standard_layout(TrapFrame) && sizeof(TrapFrame) == 140 && alignof(TrapFrame) == 4 &&
              KEEL_AT(TrapFrame, 0, x0_to_x9, Array<uint32_t, 10>) && KEEL_AT(TrapFrame, 40, a0_to_a4, Syscall) &&
              KEEL_AT(TrapFrame, 60, x15_to_x31, Array<uint32_t, 17>) && KEEL_AT(TrapFrame, 128, pc, uint32_t) &&
              KEEL_AT(TrapFrame, 132, mcause, uint32_t) && KEEL_AT(TrapFrame, 136, mtval, uint32_t) &&
              sizeof(Syscall) == 20 && KEEL_AT(Syscall, 0, args, Array<uint32_t, 4>) &&
              KEEL_AT(Syscall, 16, class_number, uint32_t) && holds_words<4> && holds_words<10> && holds_words<17>,
              "switch.S stores these fields at these offsets");
#undef KEEL_AT

}  // namespace keel::arch

/// switch.S: runs the process whose registers `frame` holds until its next trap, and saves them back into it, with
/// whatever the PMP's process entries hold: only ProcessEntry::enter (below) calls it.
extern "C" KEEL_UNSAFE void keel_rv32_switch_to_user(keel::arch::TrapFrame& frame);
/// switch.S calls this for a trap taken in machine mode (mcause, mepc, mtval in a0-a2). Never returns.
extern "C" [[noreturn]] void keel_rv32_kernel_trap(uint32_t mcause, uint32_t mepc, uint32_t mtval);
/// switch.S calls this instead when the trap found the kernel stack below its bottom (in the guard), with the stack
/// moved back to its top; `stack_pointer` is where it was. Never returns.
extern "C" [[noreturn]] void keel_rv32_kernel_stack_overflow(uint32_t mcause, uint32_t mepc, uint32_t mtval,
                                                            uint32_t stack_pointer);

namespace keel::arch {

/// The one way into a process. A static member, not a free function: no untrusted file can declare it again.
struct ProcessEntry final {
  /// Runs the process whose registers `frame` holds until its next trap, with the PMP's process entries (0-7)
  /// holding `memory`'s regions as they are now: programmed here when they are not what the PMP holds (another
  /// process's, or this one's before its break, windows or claim changed; ProcessMemory tracks which), so no
  /// process ever runs with another's regions or a stale window, whatever the kernel scheduled or changed since.
  /// One comparison when nothing changed: it runs on every entry.
  /// `frame` must be `memory`'s process's registers: the first entry after the claim binds them to it, for good, and
  /// any other pairing panics (ProcessMemory::bind_frame), so the (untrusted) caller cannot run one process's code
  /// and registers with another's regions (escape 450). One more comparison per entry.
  [[gnu::always_inline]] static void enter(TrapFrame& frame, ProcessMemory const& memory) {
    uintptr_t const registers = reinterpret_cast<uintptr_t>(__builtin_addressof(frame));
    if (memory.frame_ != registers) [[unlikely]] { memory.bind_frame(registers); }
    if (ProcessMemory::programmed_ == memory.mem_start()) [[likely]] {
      keel_rv32_switch_to_user(frame);
    } else {
      ProcessMemory::programmed_frame_ = registers;  // program_and_enter notes memory's claim as programmed
      program_and_enter(frame, memory);
    }
  }
  /// Runs the process whose registers `frame` holds again, with the regions the PMP holds now, if they are some
  /// process's as they are now (what enter programmed last, unchanged since): after resume_flash_rule, the process
  /// just left retries its instruction. False, and nothing run, if no such regions are loaded or `frame` are not the
  /// registers bound to them (escape 450). Gives no more than enter with that process's memory would.
  [[nodiscard]] static bool resume(TrapFrame& frame) {
    if (ProcessMemory::programmed_ == ProcessMemory::kNotProgrammed ||
        ProcessMemory::programmed_frame_ != reinterpret_cast<uintptr_t>(__builtin_addressof(frame))) {
      return false;
    }
    keel_rv32_switch_to_user(frame);
    return true;
  }

 private:
  /// Writes the PMP's process entries with `memory`'s regions, notes them as programmed, then runs `frame` as enter
  /// does (arch/rv32/pmp.cpp; the switch is its tail call).
  static void program_and_enter(TrapFrame& frame, ProcessMemory const& memory);
};

}  // namespace keel::arch
