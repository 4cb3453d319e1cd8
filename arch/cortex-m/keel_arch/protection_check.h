// SPDX-License-Identifier: Apache-2.0
// What an MPU region really lets a process reach (PMSAv7, ARMv7-M ARM B3.5.3 and B3.5.9), decoded from the values
// mpu.cpp writes, and checked against the memory ProcessMemory says the process may reach. The region values
// themselves are computed by untrusted code (keel_arch/protection_rules.h); a wrong computation is caught here, before
// it is ever programmed, instead of being trusted.
//
// TRUSTED: ProcessMemory and mpu.cpp program only regions these checks accept, so these checks are what keeps a
// process out of grants, the kernel and other processes.
#pragma once

#include "kernel/core/types.h"
#include "kernel/core/utility.h"

namespace keel::arch {

// The values the rules compute, defined here so that the check (and mpu.cpp) read plain integers, never an
// untrusted type's operators.
/// One MPU region's RBAR address bits and RASR value (the region number and VALID are added when it is written).
struct MpuRegion {
  uint32_t base = 0;
  uint32_t attributes = 0;  // 0: disabled
  friend constexpr bool operator==(MpuRegion const&, MpuRegion const&) = default;
};

/// The regions of one process: its TBF's two (chosen once per claim), the size (log2) of its RAM block's region A,
/// and the two RAM regions for its current exposed end (recomputed whenever the break moves), so that a context
/// switch only writes them.
struct Fence {
  MpuRegion flash_first{};
  MpuRegion flash_second{};
  uint32_t ram_log2 = 0;
  MpuRegion ram_first{};
  MpuRegion ram_second{};
  friend constexpr bool operator==(Fence const&, Fence const&) = default;
};

/// A window into another process's RAM (shared through IPC): one region, read+write, never execute; attributes 0:
/// off.
struct Window {
  MpuRegion region{};
  friend constexpr bool operator==(Window const&, Window const&) = default;
};

/// What a region reaches: every address it matches lies in [start, end), from the start of its first enabled chunk
/// (a subregion, or the whole region below 256 bytes) to the end of its last (start == end: nothing); chunks are
/// `unit` bytes, at multiples of `unit`; `access` is RASR.AP.
struct RegionReach {
  bool well_formed = false;
  uint64_t start = 0;
  uint64_t end = 0;
  uint64_t unit = 0;
  uint32_t access = 0;
};

/// The checks, as static members of one class: a member cannot be overloaded or hijacked (through ADL) by a
/// declaration in an untrusted header, as a free function could.
struct ProtectionCheck final {
  /// Bit arithmetic on the first and last enabled chunk, not a loop over the chunks: this runs on every break change.
  static constexpr RegionReach reach(MpuRegion const& region) {
    uint32_t const rasr = region.attributes;
    // Well formed: RBAR's low 5 bits are VALID and REGION (mpu.cpp adds them), so a base with any set, even of a
    // region that is off, writes another region; reserved RASR bits clear; and, for a region that is on, at least
    // 32 bytes (below: UNPREDICTABLE), aligned to its size (so the 5 bits are clear), no subregion bits without
    // subregions, and not the reserved AP 100.
    bool const clear = (rasr & 0xE800'00C0U) == 0;
    uint32_t const access = (rasr >> 24U) & 7U;
    if ((rasr & 1U) == 0) { return {clear && region.base % 32 == 0, 0, 0, 0, access}; }  // off: reaches nothing
    uint64_t const bytes = uint64_t{2} << ((rasr >> 1U) & 0x1FU);  // 2^(SIZE + 1)
    bool const whole = bytes < 256;  // subregions exist from 256 bytes on
    uint64_t const unit = whole ? bytes : bytes / 8;
    uint32_t const enabled = whole ? 1U : ~rasr >> 8U & 0xFFU;
    bool const well_formed = clear && bytes >= 32 && region.base % bytes == 0 && (!whole || (rasr & 0xFF00U) == 0) &&
                             access != 4U;
    uint64_t const end = region.base + (32U - Bits::leading_zeros(enabled)) * unit;
    return {well_formed, enabled == 0 ? end : region.base + Bits::lowest_set_bit(enabled) * unit, end, unit, access};
  }

  /// Whether the region is well formed and reaches nothing outside [low, high).
  static constexpr bool reaches_only(MpuRegion const& region, uint64_t low, uint64_t high) {
    RegionReach const r = reach(region);
    return r.well_formed && (r.start == r.end || (r.start >= low && r.end <= high));
  }

  /// A TBF's region: well formed; read-only for the process and the kernel alike (AP 110 or 111: a process region
  /// outranks the kernel's, so privileged write access here would make code writable while the process's regions
  /// are loaded); its first and last enabled chunk touching the TBF (so every chunk between them lies inside the
  /// contiguous TBF) and both inside app flash: the first starting at or above its start (never the kernel image
  /// below it: escape 300), the last ending at or below its end (never RAM or a device).
  static constexpr bool flash_region_ok(MpuRegion const& region, uint32_t flash_start, uint32_t flash_end,
                                        uint32_t app_flash_start, uint32_t app_flash_end) {
    RegionReach const r = reach(region);
    return r.well_formed && (r.start == r.end || (r.start + r.unit > flash_start && r.end - r.unit < flash_end &&
                                                  r.start >= app_flash_start && r.end <= app_flash_end &&
                                                  (r.access == 6U || r.access == 7U)));
  }

  /// A process's regions reach only its TBF's neighbourhood in app flash [app_flash_start, app_flash_end)
  /// (read-only) and [ram_start, ram_end) of its RAM.
  static constexpr bool fence_ok(Fence const& fence, uint32_t flash_start, uint32_t flash_end,
                                 uint32_t app_flash_start, uint32_t app_flash_end, uint32_t ram_start,
                                 uint32_t ram_end) {
    return flash_region_ok(fence.flash_first, flash_start, flash_end, app_flash_start, app_flash_end) &&
           flash_region_ok(fence.flash_second, flash_start, flash_end, app_flash_start, app_flash_end) &&
           reaches_only(fence.ram_first, ram_start, ram_end) && reaches_only(fence.ram_second, ram_start, ram_end);
  }

  /// A window reaches something, and only inside [start, end), the buffer it was opened for.
  static constexpr bool window_ok(Window const& window, uint32_t start, uint32_t end) {
    RegionReach const r = reach(window.region);
    return r.start != r.end && reaches_only(window.region, start, end);
  }
};

}  // namespace keel::arch
