// SPDX-License-Identifier: Apache-2.0
// Process isolation with the ARMv7-M MPU (PMSAv7). The kernel runs privileged with the default memory map behind
// the regions (PRIVDEFENA); a process runs unprivileged and reaches only what four regions allow: its TBF
// (read+execute, regions 0-1) and its accessible RAM (read+write, never execute, regions 2-3), as
// keel_arch/protection_rules.h computes them. Devices, the kernel, the grant region and other processes match no
// region, so an unprivileged access there is a MemManage fault.
#pragma once

#include "keel_arch/protection_rules.h"
#include "kernel/process_memory.h"

namespace keel::arch {

/// Turns the MPU on (privileged default map behind the regions, no region yet). Once, at boot.
void enable_memory_protection();

/// Programs the MPU for one process. Callers skip this when the regions have not changed since the last call.
void protect_process(ProtectionRegions const& regions);

}  // namespace keel::arch
