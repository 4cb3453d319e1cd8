// SPDX-License-Identifier: Apache-2.0
// A trap taken in machine mode. The kernel runs with interrupts masked, so this is an exception in kernel code:
// a kernel bug by definition (process faults arrive through switch.S with mscratch set). Report and stop.
#include "arch/rv32/assembly_entry.h"
#include "kernel/core/panic.h"

void keel_rv32_kernel_trap(uint32_t mcause, uint32_t mepc, uint32_t mtval) {
  KEEL_PANIC_WITH_VALUES("exception in machine mode (mcause, mepc, mtval)", mcause, mepc, mtval);
}

void keel_rv32_kernel_stack_overflow(uint32_t mcause, uint32_t /*mepc*/, uint32_t mtval, uint32_t stack_pointer) {
  KEEL_PANIC_WITH_VALUES("kernel stack overflow: the kernel stack ran into its guard (sp, fault address, mcause)",
                         stack_pointer, mtval, mcause);
}
