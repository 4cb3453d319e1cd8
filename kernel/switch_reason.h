// SPDX-License-Identifier: Apache-2.0
// Why a process stopped running and the kernel got the CPU back: what every architecture's context switch answers
// (kernel/arch.h).
#pragma once

#include "kernel/core/types.h"

namespace keel {

enum class SwitchReason : uint8_t { Syscall, Fault, Interrupt };

/// What a process starts with (abi.md "Starting a process"): its first instruction runs as if
/// init(app_start, mem_start, mem_len, app_brk) were an upcall. Each architecture places these in its own
/// registers and picks the stack pointer its ABI gives.
struct ProcessStart {
  uint32_t entry = 0;
  uint32_t app_start = 0;
  uint32_t mem_start = 0;
  uint32_t mem_length = 0;
  uint32_t app_brk = 0;
};

}  // namespace keel
