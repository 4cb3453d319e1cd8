// SPDX-License-Identifier: Apache-2.0
// The PMP's rules for a process's RAM (kernel/arch.h, MemoryProtectionRules). Two TOR entries fence any range whose
// bounds are multiples of 4, so a block needs only the 8-byte alignment of the grants inside it, and the break is
// exposed to the next multiple of 4.
//
// Not trusted: ProcessMemory holds accessible_end to [brk, the kernel break] itself, and opens a window only after
// keel_arch/protection_check.h found it inside the buffer shared.
#pragma once

#include "arch/rv32/keel_arch/protection_check.h"
#include "kernel/core/utility.h"

namespace keel::arch {

struct ProtectionRules {
  static constexpr uint32_t kRegions = 16;  // QEMU virt's PMP entries (four per process, four for its windows)
  static constexpr uint32_t kWindows = 2;
  /// The window on the KiB granules [address, address + length) touches (a non-empty range in RAM): one NAPOT entry
  /// later instead of a TOR pair, and any alignment of the shared buffer.
  static constexpr Window window(uint32_t address, uint32_t length) {
    if (length == 0) { return {}; }
    return {address & ~1023U, (address + length + 1023U) & ~1023U};
  }
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
