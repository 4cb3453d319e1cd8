// SPDX-License-Identifier: Apache-2.0
// The ARMv7-M MPU's rules (PMSAv7, ARMv7-M ARM B3.5) for a process (kernel/arch.h, MemoryProtectionRules), and
// the region values that follow from them. A region is a power of two of 32 bytes or more, aligned to its size;
// from 256 bytes on it has 8 equal subregions that can each be switched off. So:
//   - RAM: a process's block starts aligned to S, the next power of two of its size (at least 256). Its accessible
//     part [mem_start, end) is fenced by region A (size S, one subregion per S/8) and, for S >= 2048, region B
//     (the next S/8, in eighths of its own): the break is exposed up to the next multiple of S/64 (S/8 below 2048).
//     The block's size is a multiple of that step, so the exposed end never passes the block, and the grants
//     (kept above it by ProcessMemory) are never reachable.
//   - Flash: a TBF may start at any 4-byte-aligned address. It is covered by at most two regions of one size S
//     (adjacent blocks), with subregions trimming both ends when S >= 256; the S that exposes the fewest bytes
//     beyond the TBF (read-only: the neighbours' code) is chosen once, when the process claims its memory.
//
// Not trusted: ProcessMemory and mpu.cpp accept these values only after keel_arch/protection_check.h has decoded
// what each region reaches and found it inside what the process (or, for the kernel's regions, only privileged code)
// may reach. A mistake here is refused (a panic: a kernel bug), never programmed.
#pragma once

#include "arch/cortex-m/keel_arch/protection_check.h"
#include "kernel/core/utility.h"

namespace keel::arch {

/// Two regions: a TBF's, or a RAM block's accessible part (what Fence holds as two pairs of fields).
struct RegionPair {
  MpuRegion first{};
  MpuRegion second{};
  friend constexpr bool operator==(RegionPair const&, RegionPair const&) = default;
};

struct ProtectionRules {
  static constexpr uint32_t kRegions = 8;
  static constexpr uint32_t kWindows = 1;  // region 7: regions 0-2 are the kernel's, 3-6 the process's
  static constexpr uint32_t kMinimumBlock = 256;

  // RASR fields (B3.5.9).
  static constexpr uint32_t kEnable = 1U;
  static constexpr uint32_t kExecuteNever = 1U << 28;
  static constexpr uint32_t kPrivilegedReadWrite = 1U << 24;   // AP 001: privileged RW, unprivileged none
  static constexpr uint32_t kPrivilegedReadOnly = 5U << 24;    // AP 101: privileged RO, unprivileged none
  static constexpr uint32_t kReadOnly = 6U << 24;              // AP 110: RO for both
  static constexpr uint32_t kFullAccess = 3U << 24;            // AP 011: RW for both
  static constexpr uint32_t kNormalMemory = (1U << 17) | (1U << 16);  // TEX 000, C, B: normal, write-back
  static constexpr uint32_t kRam = kFullAccess | kExecuteNever | kNormalMemory;
  // A TBF is read-only for the kernel too (the kernel never writes app flash).
  static constexpr uint32_t kFlash = kReadOnly | kNormalMemory;

  // The kernel's own regions (0-2, below the process's, which win where they overlap), with the background region
  // off: an address no region names faults, in the kernel as in a process.
  //   0: the whole map, privileged read-write and never executable, in 512 MiB subregions of which only code
  //      (0x0), SRAM (0x2000'0000) and peripherals (0x4000'0000) are on (the System Control Space is outside the
  //      MPU's reach by architecture). One region for memory and devices: with eight regions there is no room for
  //      a device-typed one, and QEMU does not model memory types (on silicon, peripherals would want one).
  //   1: [0, code_end): the kernel image and app flash, privileged read-only and executable: kernel text and
  //      constants cannot be written, and nothing else can be executed.
  //   2: the kernel stack guard, no access: an overflow faults before it reaches .bss. Not computed here: mpu.cpp
  //      (trusted) writes it as it is, since a misplaced or short guard would be a well-formed region that fences
  //      nothing.
  static constexpr MpuRegion kernel_map() {
    uint32_t const disabled = 0xF8U;  // subregions 3-7 off
    return {0, kPrivilegedReadWrite | kExecuteNever | kNormalMemory | (disabled << 8U) | (31U << 1U) | kEnable};
  }
  /// Region 1 for code in [0, code_end), and at least the first 8 MiB: QEMU's mps2 mirrors the 4 MiB code SRAM at
  /// 4 MiB, which region 0 alone would leave writable. None (attributes 0) if no power-of-two region from 0 covers
  /// it.
  static constexpr MpuRegion kernel_code(uint32_t code_end) {
    uint32_t const bytes = power_of_two_at_least(code_end < 0x80'0000U ? 0x80'0000U : code_end);
    return bytes == 0 ? MpuRegion{} : region(0, bytes, 0xFFU, kPrivilegedReadOnly | kNormalMemory);
  }

  /// The next power of two >= value (value in [1, 2^31]); 0 beyond.
  static constexpr uint32_t power_of_two_at_least(uint32_t value) {
    if (value > 0x8000'0000U) { return 0; }
    if (value <= 1) { return 1; }
    return 1U << (32U - leading_zeros(value - 1U));
  }
  /// The region a RAM block of `size` bytes starts: a power of two, at least kMinimumBlock; 0 if too large.
  static constexpr uint32_t region_of(uint32_t size) {
    return power_of_two_at_least(size < kMinimumBlock ? kMinimumBlock : size);
  }
  /// How finely the break is exposed in a block whose region is `region` bytes.
  static constexpr uint32_t step(uint32_t region) { return region >= 2048 ? region / 64 : region / 8; }

  static constexpr uint32_t block_size(uint32_t minimum) {
    uint32_t const region = region_of(minimum);
    return region == 0 ? 0 : align_up(minimum == 0 ? 1 : minimum, step(region));
  }
  static constexpr uint32_t block_alignment(uint32_t size) { return region_of(size); }
  static constexpr uint32_t accessible_end(uint32_t mem_start, uint32_t mem_end, uint32_t brk) {
    if (brk <= mem_start) { return mem_start; }
    return mem_start + align_up(brk - mem_start, step(region_of(mem_end - mem_start)));
  }

  static constexpr uint32_t log2(uint32_t power_of_two) {
    return power_of_two <= 1 ? 0 : 31U - leading_zeros(power_of_two);
  }
  /// RASR's SIZE field for a region of `bytes` (a power of two >= 32): log2(bytes) - 1.
  static constexpr uint32_t size_field(uint32_t bytes) { return (log2(bytes) - 1U) << 1U; }
  /// Subregions first..last (inclusive, 0-7) on.
  static constexpr uint32_t subregions(uint32_t first, uint32_t last) { return (0xFFU >> (7U - last)) & (0xFFU << first); }
  /// A region at `base` of `bytes` with the subregions in `enabled` on (ignored, all on, below 256 bytes).
  static constexpr MpuRegion region(uint32_t base, uint32_t bytes, uint32_t enabled, uint32_t access) {
    if (enabled == 0) { return {}; }
    uint32_t const disabled = bytes >= 256 ? ~enabled & 0xFFU : 0;
    return {base, access | (disabled << 8U) | size_field(bytes) | kEnable};
  }

  /// Regions A and B for a block [mem_start, mem_end) whose accessible part ends at `end` (an accessible_end).
  static constexpr RegionPair ram_regions(uint32_t mem_start, uint32_t mem_end, uint32_t end) {
    return ram_regions_of(mem_start, log2(region_of(mem_end - mem_start)), end);
  }
  /// The same, with region A's size as its log2 (Fence::ram_log2): shifts only, for the context switch.
  static constexpr RegionPair ram_regions_of(uint32_t mem_start, uint32_t log, uint32_t end) {
    uint32_t const accessible = end - mem_start;
    uint32_t const whole = accessible >> (log - 3U);  // subregions (eighths) of A wholly accessible
    uint32_t const rest = accessible & ((1U << (log - 3U)) - 1U);  // a multiple of the eighth's eighth (log >= 11)
    // Each built whole (no zeroed pair filled in afterwards: that is a memset call on the context switch).
    MpuRegion const first =
        whole == 0 ? MpuRegion{0, 0}
                   : MpuRegion{mem_start, kRam | ((~subregions(0, whole - 1) & 0xFFU) << 8U) | ((log - 1U) << 1U) | kEnable};
    MpuRegion const second =
        rest == 0 ? MpuRegion{0, 0}
                  : MpuRegion{mem_start + (whole << (log - 3U)),
                              kRam | ((~subregions(0, (rest >> (log - 6U)) - 1U) & 0xFFU) << 8U) | ((log - 4U) << 1U) |
                                  kEnable};
    return RegionPair{first, second};
  }

  /// The window that fences [address, address + length) exactly (a non-empty range in RAM), or an off one if no
  /// single region can: a power of two of 32 bytes or more aligned to its size, or a run of whole subregions (eighths)
  /// of one region of 256 bytes or more.
  static constexpr Window window(uint32_t address, uint32_t length) {
    if (length < 32 || length > 0x8000'0000U || address > 0xFFFF'FFFFU - (length - 1U)) { return {}; }
    uint32_t const last = address + (length - 1U);
    for (uint32_t size = power_of_two_at_least(length); size != 0 && size <= 0x8000'0000U; size <<= 1U) {
      uint32_t const base = address & ~(size - 1U);
      if ((last & ~(size - 1U)) != base) { continue; }  // crosses a block of this size
      if (size == length) { return {region(base, size, 0xFFU, kRam)}; }
      uint32_t const unit = size / 8;
      if (size < 256 || (address - base) % unit != 0 || length % unit != 0) { continue; }
      uint32_t const first = (address - base) / unit;
      return {region(base, size, subregions(first, first + length / unit - 1U), kRam)};
    }
    return {};
  }

  /// What a process's claim fixes: its TBF's regions and its RAM block's region size.
  static constexpr Fence fence(uint32_t flash_start, uint32_t flash_end, uint32_t mem_start, uint32_t mem_end) {
    RegionPair const flash = fence_flash(flash_start, flash_end);
    return {flash.first, flash.second, log2(region_of(mem_end - mem_start)), {}, {}};
  }
  /// The RAM regions for a new exposed end (`end`, an accessible_end of the block starting at `mem_start`).
  static constexpr void expose(Fence& fence, uint32_t mem_start, uint32_t end) {
    RegionPair const ram = end == mem_start ? RegionPair{} : ram_regions_of(mem_start, fence.ram_log2, end);
    fence.ram_first = ram.first;
    fence.ram_second = ram.second;
  }

  /// The flash regions for a TBF [start, end) (4-byte aligned, non-empty). App flash lies in the first 4 MiB of the
  /// map on every board, so one region of 4 MiB at 0 covers any TBF, in eighths of 512 KiB: the eighths the TBF
  /// touches are on. No search at claim time and one region written per switch less; what it exposes beyond the TBF
  /// is read-only neighbouring flash, as with the two-region search.
  static constexpr RegionPair fence_flash(uint32_t start, uint32_t end) {
    constexpr uint32_t size = 0x40'0000U;
    if (end > size) { return {}; }
    constexpr uint32_t unit = size / 8;
    return {region(0, size, subregions(start / unit, (end - 1U) / unit), kFlash), {}};
  }
};

}  // namespace keel::arch
