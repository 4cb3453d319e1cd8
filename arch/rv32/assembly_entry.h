// SPDX-License-Identifier: Apache-2.0
// The C-linkage functions the assembly and the C++ code call across (switch.S, start.S). Declared here, once, so
// that no untrusted file writes extern "C" (which could redeclare any function with another signature): the
// definitions in untrusted files take their linkage from these declarations.
//
// TRUSTED: the signatures must match what the assembly passes and expects.
#pragma once

#include "keel_arch/user_context.h"
#include "kernel/core/types.h"

/// switch.S: runs the process whose registers `frame` holds until its next trap, and saves them back into it.
extern "C" void keel_rv32_switch_to_user(keel::arch::TrapFrame& frame);
/// switch.S calls this for a trap taken in machine mode (mcause, mepc, mtval in a0-a2). Never returns.
extern "C" [[noreturn]] void keel_rv32_kernel_trap(uint32_t mcause, uint32_t mepc, uint32_t mtval);
/// switch.S calls this instead when the trap found the kernel stack below its bottom (in the guard), with the stack
/// moved back to its top; `stack_pointer` is where it was. Never returns.
/// switch.S sets this when it suspends PMP entry 1 (the process's TBF) for a kernel load there; pmp.cpp clears it.
extern "C" bool keel_rv32_flash_rule_suspended;
extern "C" [[noreturn]] void keel_rv32_kernel_stack_overflow(uint32_t mcause, uint32_t mepc, uint32_t mtval,
                                                            uint32_t stack_pointer);
