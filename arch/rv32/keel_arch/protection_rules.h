// SPDX-License-Identifier: Apache-2.0
// The PMP's rules for a process's RAM (kernel/arch.h, MemoryProtectionRules). Two TOR entries fence any range whose
// bounds are multiples of 4, so a block needs only the 8-byte alignment of the grants inside it, and the break is
// exposed to the next multiple of 4.
//
// TRUSTED: ProcessMemory keeps its grants above accessible_end, and pmp.cpp programs exactly that end: the two
// must agree, or a process could reach a grant.
#pragma once

#include "kernel/core/types.h"
#include "kernel/core/utility.h"

namespace keel::arch {

/// Nothing to choose once per claim: the four TOR entries are the exact bounds.
struct Fence {
  friend constexpr bool operator==(Fence const&, Fence const&) = default;
};

struct ProtectionRules {
  static constexpr uint32_t kRegions = 16;  // QEMU virt's PMP entries (four used per process)
  static constexpr uint32_t block_size(uint32_t minimum) { return align_up(minimum, 8); }
  static constexpr uint32_t block_alignment(uint32_t /*size*/) { return 8; }
  static constexpr uint32_t accessible_end(uint32_t /*mem_start*/, uint32_t /*mem_end*/, uint32_t brk) {
    return align_up(brk, 4);
  }
  static constexpr Fence fence(uint32_t /*flash_start*/, uint32_t /*flash_end*/, uint32_t /*mem_start*/,
                               uint32_t /*mem_end*/) {
    return {};
  }
  static constexpr void expose(Fence& /*fence*/, uint32_t /*mem_start*/, uint32_t /*end*/) {}
};

}  // namespace keel::arch
