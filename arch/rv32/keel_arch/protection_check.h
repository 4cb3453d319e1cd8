// SPDX-License-Identifier: Apache-2.0
// What a PMP rule really lets a process reach, checked against the memory ProcessMemory says it may reach. The
// values come from untrusted code (keel_arch/protection_rules.h); pmp.cpp programs TOR pairs, whose address
// registers hold bits 33:2, so a rule [start, end) reaches [start & ~3, end & ~3).
//
// TRUSTED: ProcessMemory opens only windows this check accepts, so it is what keeps a window inside the buffer it
// was opened for.
#pragma once

#include "kernel/core/types.h"

namespace keel::arch {

// The values the rules compute, defined here so that the check (and pmp.cpp) read plain integers, never an
// untrusted type's operators.
/// Nothing to choose once per claim: the four TOR entries are the exact bounds.
struct Fence {
  friend constexpr bool operator==(Fence const&, Fence const&) = default;
};

/// A window into another process's RAM (shared through IPC): a TOR pair, [start, end) read+write; start == end: off.
struct Window {
  uint32_t start = 0;
  uint32_t end = 0;
  friend constexpr bool operator==(Window const&, Window const&) = default;
};

/// The checks, as static members of one class: a member cannot be overloaded or hijacked (through ADL) by a
/// declaration in an untrusted header, as a free function could.
struct ProtectionCheck final {
  /// Nothing to check: the process's own TOR pairs are ProtectionRegions' flash and RAM bounds, which ProcessMemory
  /// computes and checks itself.
  static constexpr bool fence_ok(Fence const& /*fence*/, uint32_t /*flash_start*/, uint32_t /*flash_end*/,
                                 uint32_t /*app_flash_start*/, uint32_t /*app_flash_end*/, uint32_t /*ram_start*/,
                                 uint32_t /*ram_end*/) {
    return true;
  }

  /// A window reaches something, and only inside [start, end), the buffer it was opened for.
  static constexpr bool window_ok(Window const& window, uint32_t start, uint32_t end) {
    return window.start < window.end && window.start % 4 == 0 && window.end % 4 == 0 && window.start >= start &&
           window.end <= end;
  }
};

}  // namespace keel::arch
