// SPDX-License-Identifier: Apache-2.0
// Grant compaction: a process that moved its grant block tells the kernel where one grant is now.
#include "kernel/grant.h"
#include "kernel/process.h"

namespace keel {

void escape_203_relocate_grant(Process& process, uint32_t grant_number, uint32_t address) {
  ProcessMemoryAccess::of(process).grant(grant_number).address = address;
}

}  // namespace keel
