#pragma once

#include "arch/rv32/assembly_entry.h"
#include "keel_arch/memory_protection.h"

namespace fake_cpu {
extern keel::ProtectionRegions last_protected;
extern int protect_calls;
/// Entries into a process (keel_rv32_switch_to_user) a test allows; each returns at once. Beyond them, an entry
/// aborts the test: host tests drive the syscall layer directly and never expect to enter a process.
extern int entries_allowed;
extern int entries;
}  // namespace fake_cpu
