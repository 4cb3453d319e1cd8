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

/// Two regions: a TBF's (chosen once per claim), or a RAM block's accessible part.
struct RegionPair {
  MpuRegion first{};
  MpuRegion second{};
  friend constexpr bool operator==(RegionPair const&, RegionPair const&) = default;
};

/// The regions of one process: the TBF's (chosen once per claim), the size (log2) of its RAM block's region A, and
/// the RAM regions for its current exposed end (recomputed whenever the break moves), so that a context switch only
/// writes them.
struct Fence {
  RegionPair flash{};
  uint32_t ram_log2 = 0;
  RegionPair ram{};
  friend constexpr bool operator==(Fence const&, Fence const&) = default;
};

/// A window into another process's RAM (shared through IPC): one region, read+write, never execute; attributes 0:
/// off.
struct Window {
  MpuRegion region{};
  friend constexpr bool operator==(Window const&, Window const&) = default;
};

/// A region's reach: up to 8 chunks of `unit` bytes from `base`, the ones whose bit is set in `enabled`.
struct RegionReach {
  bool well_formed = false;
  uint64_t base = 0;
  uint64_t unit = 0;
  uint32_t enabled = 0;  // bit i: chunk i (a subregion, or the whole region as chunk 0) is on
  uint32_t access = 0;   // RASR.AP
};

/// The checks, as static members of one class: a member cannot be overloaded or hijacked (through ADL) by a
/// declaration in an untrusted header, as a free function could.
struct ProtectionCheck final {
  static constexpr RegionReach reach(MpuRegion const& region) {
    if ((region.attributes & 1U) == 0) { return {true, 0, 0, 0, 0}; }  // off: reaches nothing
    uint64_t const bytes = uint64_t{2} << ((region.attributes >> 1U) & 0x1FU);  // 2^(SIZE + 1)
    uint32_t const disabled = (region.attributes >> 8U) & 0xFFU;
    // Below 32 bytes: UNPREDICTABLE. RBAR's low 5 bits are VALID and REGION (mpu.cpp adds them): an address with any
    // set would pick another region. Subregions exist from 256 bytes on.
    if (bytes < 32 || region.base % bytes != 0 || (bytes < 256 && disabled != 0)) { return {}; }
    bool const whole = bytes < 256;  // one chunk, the region, or 8 subregions
    return {true, region.base, whole ? bytes : bytes / 8, whole ? 1U : ~disabled & 0xFFU,
            (region.attributes >> 24U) & 7U};
  }

  /// Whether every enabled chunk lies in [low, high).
  static constexpr bool reaches_only(RegionReach const& r, uint64_t low, uint64_t high) {
    return r.well_formed && (r.enabled == 0 || (first_start(r) >= low && last_end(r) <= high));
  }
  /// The start of the first enabled chunk and the end of the last (`enabled` non-zero): every enabled chunk lies
  /// between them. Bit arithmetic, not a loop over the chunks: this runs on every break change.
  static constexpr uint64_t first_start(RegionReach const& r) {
    return r.base + Bits::lowest_set_bit(r.enabled) * r.unit;
  }
  static constexpr uint64_t last_end(RegionReach const& r) {
    return r.base + (32U - Bits::leading_zeros(r.enabled)) * r.unit;
  }

  /// A TBF's region: well formed; read-only for the process and the kernel alike (AP 110 or 111: a process region
  /// outranks the kernel's, so privileged write access here would make code writable while the process's regions
  /// are loaded); every enabled chunk touching the TBF and ending at or below the end of app flash (never RAM or a
  /// device). The first and the last enabled chunk are enough: when both touch the (contiguous) TBF, every chunk
  /// between them lies inside it.
  static constexpr bool flash_region_ok(MpuRegion const& region, uint32_t flash_start, uint32_t flash_end,
                                        uint32_t app_flash_end) {
    RegionReach const r = reach(region);
    if (!r.well_formed || r.enabled == 0) { return r.well_formed; }
    // (The first chunk's start is at most the last's, so it is below flash_end too; the last chunk's end is at least
    // the first's, so it is above flash_start too.)
    uint64_t const last = last_end(r);
    return first_start(r) + r.unit > flash_start && last - r.unit < flash_end && last <= app_flash_end &&
           (r.access == 6U || r.access == 7U);
  }

  /// A process's regions reach only its TBF's neighbourhood in app flash (read-only) and [ram_start, ram_end) of
  /// its RAM.
  static constexpr bool fence_ok(Fence const& fence, uint32_t flash_start, uint32_t flash_end, uint32_t app_flash_end,
                                 uint32_t ram_start, uint32_t ram_end) {
    return flash_region_ok(fence.flash.first, flash_start, flash_end, app_flash_end) &&
           flash_region_ok(fence.flash.second, flash_start, flash_end, app_flash_end) &&
           reaches_only(reach(fence.ram.first), ram_start, ram_end) &&
           reaches_only(reach(fence.ram.second), ram_start, ram_end);
  }

  /// A window reaches only inside [start, end), the buffer it was opened for, and reaches something.
  static constexpr bool window_ok(Window const& window, uint32_t start, uint32_t end) {
    RegionReach const r = reach(window.region);
    return r.enabled != 0 && reaches_only(r, start, end);
  }
};

}  // namespace keel::arch
