// What must hold after Kernel::load_processes, whatever the app flash held (checked after every fuzz input):
//   - at most Kernel::kMaxProcesses processes, each runnable;
//   - each process's TBF [flash_start, flash_end) is non-empty, 4-byte aligned at both ends, inside the app flash,
//     and is exactly one app of the region's TBF chain (its address and total_size);
//   - each RAM block [mem_start, mem_end) is non-empty, inside process RAM, sized and aligned as the architecture's
//     protection rules ask (arch::ProtectionRules), 8-byte aligned;
//   - the break gives the app at least its minimum_ram_size and leaves at least Kernel::kGrantRegionSize of grant
//     region below mem_end; the kernel break is mem_end; the PMP/MPU regions are exactly the TBF and the block, the
//     accessible part between the break and mem_end; everything below the accessible end reads as zero;
//   - the header is one the kernel may run: enabled, kernel version absent or compatible, and Fixed Addresses
//     honoured exactly (mem_start == fixed_ram, app binary == fixed_flash) when present;
//   - no two processes share a byte of flash or RAM;
//   - every app in the chain was either loaded ("keel: process '...") or refused with a message ("keel: app '...");
//     the first app the board can certainly place (enabled, compatible, no fixed address, 4-byte-aligned size,
//     minimum_ram_size at most a quarter of process RAM) is loaded when no process was loaded before it.
// A kernel panic, a crash or a sanitizer report is a finding too; those end the run on their own.
#pragma once

#include <string>

#include "board_memory.h"
#include "kernel/kernel.h"

namespace keel_fuzz {

/// The first broken property, described; empty if all hold. `output` is what the kernel printed while loading.
std::string check_process_table(keel::Kernel& kernel, BoardMemory const& board, std::string const& output);

/// Makes every process's zeroed RAM non-zero again, so the next input's zeroing is checked afresh.
void dirty_process_ram(keel::Kernel& kernel, BoardMemory const& board);

}  // namespace keel_fuzz
