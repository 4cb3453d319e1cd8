// SPDX-License-Identifier: Apache-2.0
// Process isolation and kernel self-protection with RISC-V PMP and Smepmp (privileged spec 3.7; QEMU's x-epmp). A
// process may read+execute its whole TBF and read+write [mem_start, app_brk rounded up to 4) and its IPC windows
// (entries 0-7, unlocked); everything else (kernel, grant region, other processes, devices) is the kernel's alone
// (entries 8-15, locked, machine-mode only; mseccfg.MML and MMWP). See pmp.cpp for the entries.
#pragma once

#include "keel_arch/protection_rules.h"
#include "kernel/process_memory.h"

namespace keel::arch {

/// Locks the kernel's own rules (entries 8-15) and turns on Smepmp's machine-mode lockdown: kernel text read+execute,
/// its constants read-only, its data and stack read+write and never executable, a no-access guard below the stack,
/// app flash read-only and process RAM and devices read+write for the kernel only, nothing else reachable at all.
/// Once, at boot, before any process rule.
void enable_memory_protection();

/// After an access fault of the running process: if the kernel suspended the process's TBF rule (to read that TBF),
/// turns it back on and answers true: the process retries the instruction (a fault that was not in its TBF then
/// comes again with the rule on). False: a real fault. Sound at any time: the rule is the one ProcessEntry::enter
/// programmed.
bool resume_flash_rule();

// The PMP's process entries are programmed by the trusted arch::ProcessEntry::enter (arch/rv32/assembly_entry.h),
// for the process it enters: no other code chooses them or when they are written.

}  // namespace keel::arch
