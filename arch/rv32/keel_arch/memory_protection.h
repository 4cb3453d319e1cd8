// SPDX-License-Identifier: Apache-2.0
// Process isolation with RISC-V PMP (privileged spec 3.7). A process may read+execute its whole TBF and read+write
// [mem_start, app_brk rounded up to 4); everything else (kernel, grant region, other processes, devices) has no
// matching entry, and U-mode accesses that match no entry fail. M-mode is not restricted (no entry is locked).
#pragma once

#include "keel_arch/protection_rules.h"
#include "kernel/process_memory.h"

namespace keel::arch {

/// Programs the PMP for one process. Callers skip this when the regions have not changed since the last call.
void protect_process(ProtectionRegions const& regions);

}  // namespace keel::arch
