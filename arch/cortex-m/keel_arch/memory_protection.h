// SPDX-License-Identifier: Apache-2.0
// Process isolation with the ARMv7-M MPU (PMSAv7). The background region is off: the kernel (privileged) reaches
// only what its own regions 0-2 name (the memory map, read-write and never executable; code, read-only; no access to
// the stack guard), and a process (unprivileged) only what regions 3-7 allow: its TBF (read+execute, regions 3-4),
// its accessible RAM (read+write, never execute, regions 5-6) and an IPC window (region 7), as
// keel_arch/protection_rules.h computes them and keel_arch/protection_check.h accepts them. Devices, the kernel, the
// grant region and other processes match no region of a process, so an unprivileged access there is a MemManage
// fault.
#pragma once

#include "keel_arch/protection_rules.h"
#include "kernel/process_memory.h"

namespace keel::arch {

/// Turns the MPU on with the kernel's own regions (and none of a process's yet). Once, at boot.
void enable_memory_protection();

// The process's regions are programmed by the trusted arch::ProcessEntry::enter (arch/cortex-m/assembly_entry.h),
// for the process it enters: no other code chooses them or when they are written.

}  // namespace keel::arch
