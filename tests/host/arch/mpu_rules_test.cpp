// The Cortex-M MPU rules (arch/cortex-m/keel_arch/protection_rules.h) checked against a model of PMSAv7 region
// matching: what the regions expose is exactly what the rules promise, never a byte of the grant region.
#include "arch/cortex-m/keel_arch/protection_rules.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <random>

namespace {

using keel::arch::MpuRegion;
using keel::arch::ProtectionRules;
using keel::arch::RegionPair;

uint32_t region_bytes(MpuRegion const& region) { return 1U << (((region.attributes >> 1) & 0x1F) + 1); }

/// PMSAv7 matching (B3.5.3): inside the region, and in an enabled subregion when the region has them.
bool matches(MpuRegion const& region, uint32_t address) {
  if ((region.attributes & ProtectionRules::kEnable) == 0) { return false; }
  uint64_t const bytes = region_bytes(region);
  if (address < region.base || address >= region.base + bytes) { return false; }
  if (bytes < 256) { return true; }
  uint32_t const subregion = static_cast<uint32_t>((address - region.base) / (bytes / 8));
  return ((region.attributes >> 8) & (1U << subregion)) == 0;
}

bool exposes(RegionPair const& pair, uint32_t address) { return matches(pair.first, address) || matches(pair.second, address); }

void expect_well_formed(MpuRegion const& region) {
  if ((region.attributes & ProtectionRules::kEnable) == 0) { return; }
  uint32_t const bytes = region_bytes(region);
  EXPECT_GE(bytes, 32U);
  EXPECT_EQ(region.base % bytes, 0U) << "a region is aligned to its size";
}

TEST(MpuRules, BlockSizesAreFenceableAndStable) {
  for (uint32_t minimum = 1; minimum < 70000; minimum += 7) {
    uint32_t const size = ProtectionRules::block_size(minimum);
    ASSERT_GE(size, minimum);
    ASSERT_EQ(ProtectionRules::block_size(size), size) << minimum;
    uint32_t const region = ProtectionRules::block_alignment(size);
    ASSERT_LE(size, region);
    ASSERT_EQ(size % ProtectionRules::step(region), 0U) << "the exposed end can reach the block's end, never pass it";
  }
  EXPECT_EQ(ProtectionRules::block_size(0x9000'0000U), 0U) << "too large for any region";
}

TEST(MpuRules, RamRegionsExposeExactlyTheAccessibleEnd) {
  std::mt19937 random(7);
  for (uint32_t minimum : {200U, 256U, 1000U, 2048U, 5000U, 8192U, 12345U, 40000U}) {
    uint32_t const size = ProtectionRules::block_size(minimum);
    uint32_t const mem_start = 0x2004'0000U;  // aligned to every region here
    uint32_t const mem_end = mem_start + size;
    ASSERT_EQ(mem_start % ProtectionRules::block_alignment(size), 0U);
    for (int trial = 0; trial < 200; ++trial) {
      uint32_t const brk = mem_start + random() % (size + 1);
      uint32_t const end = ProtectionRules::accessible_end(mem_start, mem_end, brk);
      ASSERT_GE(end, brk);
      ASSERT_LE(end, mem_end);
      ASSERT_LT(end - brk, ProtectionRules::step(ProtectionRules::block_alignment(size)));
      RegionPair const pair = ProtectionRules::ram_regions(mem_start, mem_end, end);
      ASSERT_EQ(pair, ProtectionRules::ram_regions_of(mem_start, ProtectionRules::fence(0, 4, mem_start, mem_end).ram_log2,
                                                      end));
      expect_well_formed(pair.first);
      expect_well_formed(pair.second);
      for (uint32_t address = mem_start - 64; address < mem_start + ProtectionRules::block_alignment(size) + 64;
           address += 4) {
        ASSERT_EQ(exposes(pair, address), address >= mem_start && address < end)
            << std::hex << "block " << mem_start << "-" << mem_end << " end " << end << " at " << address;
      }
    }
  }
}

TEST(MpuRules, RamIsReadWriteNeverExecute) {
  RegionPair const pair = ProtectionRules::ram_regions(0x2000'0000U, 0x2000'4000U, 0x2000'2100U);
  EXPECT_NE(pair.first.attributes & ProtectionRules::kExecuteNever, 0U);
  EXPECT_EQ(pair.first.attributes & (7U << 24), ProtectionRules::kFullAccess);
  EXPECT_NE(pair.second.attributes & ProtectionRules::kEnable, 0U) << "the part below one eighth needs region B";
}

TEST(MpuRules, FlashFenceCoversTheTbfWithLittleMore) {
  std::mt19937 random(11);
  double worst = 0;
  double total = 0;
  int const trials = 3000;
  for (int trial = 0; trial < trials; ++trial) {
    uint32_t const start = 0x0004'0000U + (random() % 0x40000U) * 4;
    uint32_t const length = 4 + (random() % 0x8000U) * 4;
    uint32_t const end = start + length;
    RegionPair const fence = ProtectionRules::fence_flash(start, end);
    expect_well_formed(fence.first);
    expect_well_formed(fence.second);
    uint32_t exposed = 0;
    uint32_t const margin = 0x10000;
    for (uint32_t address = start - margin; address < end + margin; address += 4) {
      bool const inside = address >= start && address < end;
      if (inside) { ASSERT_TRUE(exposes(fence, address)) << std::hex << start << "-" << end << " misses " << address; }
      if (!inside && exposes(fence, address)) { exposed += 4; }
    }
    // Some size S <= 2P (P: the TBF's length rounded up to a power of two) covers it in two blocks, trimmed to
    // eighths of S: less than one eighth exposed at each end, so under P / 2 in all.
    uint32_t const p = ProtectionRules::power_of_two_at_least(length);
    ASSERT_LT(exposed, p / 2 < 64 ? 64 : p / 2) << std::hex << start << "-" << end;
    worst = std::max(worst, static_cast<double>(exposed) / length);
    total += static_cast<double>(exposed) / length;
    EXPECT_EQ(fence.first.attributes & (7U << 24), ProtectionRules::kReadOnly);
  }
  std::printf("flash exposed beyond the TBF: mean %.1f%%, worst %.1f%% of its size\n", 100 * total / trials,
              100 * worst);
}

}  // namespace

namespace {

// An IPC window (ProtectionRules::window) exposes exactly the shared buffer when the MPU can fence it, and nothing
// when it cannot: never a byte around it.
TEST(MpuRules, WindowsFenceExactlyOrNotAtAll) {
  std::mt19937 random(7);
  int fenced = 0;
  for (int trial = 0; trial < 20000; ++trial) {
    uint32_t const length = 32U << (random() % 8);
    uint32_t const extra = random() % 4 == 0 ? (random() % 8) * (length / 8) : 0;
    uint32_t const size = length + extra;
    uint32_t const address = 0x2000'0000U + (random() % 4096) * 32 + (random() % 4 == 0 ? 4 : 0);
    keel::arch::Window const window = ProtectionRules::window(address, size);
    if (window.region.attributes == 0) { continue; }
    ++fenced;
    expect_well_formed(window.region);
    for (uint32_t probe = address - 512; probe != address + size + 512; probe += 4) {
      bool const inside = probe >= address && probe < address + size;
      ASSERT_EQ(matches(window.region, probe), inside) << std::hex << address << " +" << size << " at " << probe;
    }
  }
  EXPECT_GT(fenced, 1000) << "aligned powers of two and runs of eighths are fenceable";
  EXPECT_NE(ProtectionRules::window(0x2000'0040U, 64).region.attributes, 0U) << "64 B at a 64 B boundary";
  EXPECT_NE(ProtectionRules::window(0x2000'0020U, 64).region.attributes, 0U) << "two eighths of 256 B";
  EXPECT_EQ(ProtectionRules::window(0x2000'0010U, 64).region.attributes, 0U) << "no unit of 16 B";
  EXPECT_EQ(ProtectionRules::window(0x2000'0000U, 48).region.attributes, 0U) << "48 B: no power of two";
  EXPECT_NE(ProtectionRules::window(0x2000'0100U, 768).region.attributes, 0U) << "six eighths of 1 KiB";
  EXPECT_EQ(ProtectionRules::window(0x2000'0000U, 16).region.attributes, 0U) << "below the 32 B minimum";
}

}  // namespace

namespace {

constexpr auto fence_ok = keel::arch::ProtectionCheck::fence_ok;
using keel::arch::Fence;
constexpr auto reach = keel::arch::ProtectionCheck::reach;
constexpr auto window_ok = keel::arch::ProtectionCheck::window_ok;

// The trusted check (protection_check.h) against the same PMSAv7 model: it accepts every fence and window the
// untrusted rules compute, and refuses each way a wrong computation could reach too far.
TEST(MpuCheck, AcceptsWhatTheRulesCompute) {
  std::mt19937 random(3);
  for (int trial = 0; trial < 2000; ++trial) {
    uint32_t const flash_start = 0x0004'0000U + (random() % 0x40000U) * 4;
    uint32_t const flash_end = flash_start + 4 + (random() % 0x8000U) * 4;
    uint32_t const size = ProtectionRules::block_size(200 + random() % 40000);
    uint32_t const mem_start = 0x2004'0000U;
    Fence fence = ProtectionRules::fence(flash_start, flash_end, mem_start, mem_start + size);
    uint32_t const end = ProtectionRules::accessible_end(mem_start, mem_start + size, mem_start + random() % (size + 1));
    ProtectionRules::expose(fence, mem_start, end);
    ASSERT_TRUE(fence_ok(fence, flash_start, flash_end, 0x0004'0000U, 0x0040'0000U, mem_start, end)) << std::hex << flash_start << " " << end;
    // One byte less of RAM allowed than the regions reach: refused (unless the end falls on nothing exposed).
    if (end > mem_start) { ASSERT_FALSE(fence_ok(fence, flash_start, flash_end, 0x0004'0000U, 0x0040'0000U, mem_start, end - 4)); }
  }
  for (uint32_t length : {32U, 64U, 256U, 768U, 4096U}) {
    keel::arch::Window const window = ProtectionRules::window(0x2000'0000U, length);
    EXPECT_TRUE(window_ok(window, 0x2000'0000U, 0x2000'0000U + length)) << length;
    EXPECT_FALSE(window_ok(window, 0x2000'0000U, 0x2000'0000U + length - 4)) << length;
  }
}

// reach() decodes any RASR value and base as PMSAv7 matches them: every address the region matches lies in
// [start, end), whose first and last chunk the region matches at both ends, and it calls a region malformed exactly
// when the architecture does not define it (below 32 bytes, a base not aligned to the size, subregion bits on a
// region without subregions, reserved bits or the reserved AP 100 set) or mpu.cpp would write it to another region
// (RBAR's low 5 bits set, on or off).
TEST(MpuCheck, ReachIsWhatTheRegionMatches) {
  std::mt19937 random(5);
  int well_formed = 0;
  int nothing = 0;
  for (int trial = 0; trial < 20000; ++trial) {
    uint32_t const size_field = random() % 31;  // (the model above computes sizes up to 2^31)
    uint64_t const bytes = uint64_t{2} << size_field;
    uint32_t const disabled = random() % 3 == 0 ? 0 : random() % 8 == 0 ? 0xFFU : random() % 256;
    uint32_t const reserved = random() % 8 == 0 ? (random() & 0xE800'00C0U) : 0;
    uint32_t const attributes =
        (random() & 0x17FF'0000U) | reserved | (disabled << 8U) | (size_field << 1U) | (random() % 2);
    uint32_t const aligned = static_cast<uint32_t>(random() & ~(bytes - 1U));
    uint32_t const base = random() % 4 == 0 ? aligned + (random() % 16) * 4 : aligned;
    MpuRegion const region{base, attributes};
    keel::arch::RegionReach const r = reach(region);
    bool const on = (attributes & 1U) != 0;
    bool const defined = base % 32 == 0 && (attributes & 0xE800'00C0U) == 0 &&
                         (!on || (bytes >= 32 && base % bytes == 0 && (bytes >= 256 || disabled == 0) &&
                                  ((attributes >> 24U) & 7U) != 4U));
    ASSERT_EQ(r.well_formed, defined) << std::hex << base << " " << attributes;
    if (!defined) { continue; }
    ++well_formed;
    ASSERT_EQ(r.access, (attributes >> 24U) & 7U);
    ASSERT_LE(r.start, r.end);
    if (r.start == r.end) { ++nothing; }
    // Probe each chunk's first and last word and the words just outside the region.
    uint64_t const chunk = bytes >= 256 ? bytes / 8 : bytes;
    for (uint64_t offset = 0; offset < bytes; offset += chunk) {
      for (uint64_t probe : {offset, offset + chunk - 4}) {
        uint64_t const address = base + probe;
        if (matches(region, static_cast<uint32_t>(address))) {
          ASSERT_TRUE(address >= r.start && address < r.end) << std::hex << base << " " << attributes;
        }
      }
    }
    if (r.start != r.end) {
      ASSERT_EQ(r.unit, chunk);
      for (uint64_t const address : {r.start, r.start + r.unit - 4, r.end - r.unit, r.end - 4}) {
        ASSERT_TRUE(matches(region, static_cast<uint32_t>(address))) << "no wider than the first and last chunk";
      }
    }
    if (base >= 4) { ASSERT_FALSE(matches(region, base - 4)); }
    if (base + bytes < 0x1'0000'0000ULL) { ASSERT_FALSE(matches(region, static_cast<uint32_t>(base + bytes))); }
  }
  EXPECT_GT(well_formed, 5000);
  EXPECT_GT(nothing, 500) << "off, or every subregion off";
}

TEST(MpuCheck, RefusesRegionsThatReachTooFar) {
  uint32_t const ram = 0x2000'0000U;
  MpuRegion const whole_kib = ProtectionRules::region(ram, 1024, 0xFFU, ProtectionRules::kRam);
  Fence fence{};
  fence.ram_first = whole_kib;
  EXPECT_TRUE(fence_ok(fence, 0, 0, 0, 0x0040'0000U, ram, ram + 1024));
  EXPECT_FALSE(fence_ok(fence, 0, 0, 0, 0x0040'0000U, ram, ram + 1020)) << "one word of a grant";
  EXPECT_FALSE(fence_ok(fence, 0, 0, 0, 0x0040'0000U, ram + 128, ram + 1024)) << "below mem_start";
  fence.ram_first = ProtectionRules::region(ram, 1024, 0x7FU, ProtectionRules::kRam);
  EXPECT_TRUE(fence_ok(fence, 0, 0, 0, 0x0040'0000U, ram, ram + 896)) << "the last eighth switched off";
  fence.ram_first = MpuRegion{ram | 0x10U, whole_kib.attributes};
  EXPECT_FALSE(fence_ok(fence, 0, 0, 0, 0x0040'0000U, ram, ram + 1024)) << "RBAR's VALID bit set: another region number";
  fence.ram_first = MpuRegion{ram + 512, whole_kib.attributes};
  EXPECT_FALSE(fence_ok(fence, 0, 0, 0, 0x0040'0000U, ram, ram + 2048)) << "not aligned to its size";
  fence.ram_first = MpuRegion{ram, ProtectionRules::kRam | (3U << 1U) | 1U};
  EXPECT_FALSE(fence_ok(fence, 0, 0, 0, 0x0040'0000U, ram, ram + 1024)) << "below 32 bytes: UNPREDICTABLE";
  fence.ram_first = MpuRegion{ram, ProtectionRules::kRam | (1U << 8U) | (6U << 1U) | 1U};
  EXPECT_FALSE(fence_ok(fence, 0, 0, 0, 0x0040'0000U, ram, ram + 1024)) << "subregion bits on a 128-byte region";
  fence.ram_first = MpuRegion{0, ProtectionRules::kRam | (31U << 1U) | 1U};
  EXPECT_FALSE(fence_ok(fence, 0, 0, 0, 0x0040'0000U, ram, ram + 1024)) << "the whole map";
  fence.ram_first = whole_kib;
  fence.ram_second = MpuRegion{1, 0};
  EXPECT_FALSE(fence_ok(fence, 0, 0, 0, 0x0040'0000U, ram, ram + 1024))
      << "an off region with RBAR's REGION bits set: region 6's write goes to region 7, and region 6 keeps the "
         "last process's RAM";
  fence.ram_second = MpuRegion{ram + 1024, 0};
  EXPECT_TRUE(fence_ok(fence, 0, 0, 0, 0x0040'0000U, ram, ram + 1024)) << "an off region's base is only written";
  fence.ram_second = MpuRegion{};
  fence.ram_first = MpuRegion{ram, whole_kib.attributes | (1U << 31)};
  EXPECT_FALSE(fence_ok(fence, 0, 0, 0, 0x0040'0000U, ram, ram + 1024)) << "a reserved RASR bit set";
  fence.ram_first = MpuRegion{ram, (whole_kib.attributes & ~(7U << 24U)) | (4U << 24U)};
  EXPECT_FALSE(fence_ok(fence, 0, 0, 0, 0x0040'0000U, ram, ram + 1024)) << "AP 100: reserved";

  Fence flash{};
  flash.flash_first = ProtectionRules::region(0x1000U, 1024, 0x0FU, ProtectionRules::kFlash);
  EXPECT_TRUE(fence_ok(flash, 0x1000U, 0x1200U, 0, 0x0040'0000U, ram, ram));
  EXPECT_FALSE(fence_ok(flash, 0x1000U, 0x1100U, 0, 0x0040'0000U, ram, ram)) << "two eighths touch no byte of the TBF";
  flash.flash_first = ProtectionRules::region(0x1000U, 1024, 0x0FU, ProtectionRules::kRam);
  EXPECT_FALSE(fence_ok(flash, 0x1000U, 0x1200U, 0, 0x0040'0000U, ram, ram)) << "writable by the process";
  for (uint32_t privileged_write : {1U, 2U}) {
    flash.flash_first = ProtectionRules::region(0x1000U, 1024, 0x0FU, (privileged_write << 24U) | ProtectionRules::kNormalMemory);
    EXPECT_FALSE(fence_ok(flash, 0x1000U, 0x1200U, 0, 0x0040'0000U, ram, ram)) << "writable by the kernel: AP " << privileged_write;
  }
  flash.flash_first = ProtectionRules::region(0, 0x2000'0000U * 2, 0x01U, ProtectionRules::kFlash);
  EXPECT_FALSE(fence_ok(flash, 0x1000U, 0x1200U, 0, 0x0040'0000U, ram, ram)) << "a 128 MiB chunk past the end of app flash";

  EXPECT_FALSE(window_ok(keel::arch::Window{}, ram, ram + 64)) << "an off window reaches nothing: not a window";
  EXPECT_FALSE(window_ok({ProtectionRules::region(ram, 128, 0xFFU, ProtectionRules::kRam)}, ram, ram + 64));
  EXPECT_EQ(reach(whole_kib).unit, 128U);
}

// A flash region reaches only app flash: the kernel image below it stays the kernel's (escape 300).
TEST(MpuCheck, FlashRegionStaysInAppFlash) {
  uint32_t const ram = 0x2000'0000U;
  Fence flash{};
  // One 4 MiB region at 0 in 512 KiB eighths for the first app (its TBF at the start of app flash, 0x40000 on
  // mps2-an386): eighth 0 touches the TBF and ends inside app flash, yet starts at 0, in the kernel image.
  flash.flash_first = ProtectionRules::region(0, 0x0040'0000U, 0x01U, ProtectionRules::kFlash);
  EXPECT_FALSE(fence_ok(flash, 0x0004'0000U, 0x0004'1000U, 0x0004'0000U, 0x0040'0000U, ram, ram))
      << "a chunk reaching below the start of app flash: the kernel image, readable by the process";
  EXPECT_TRUE(fence_ok(flash, 0x0004'0000U, 0x0004'1000U, 0, 0x0040'0000U, ram, ram)) << "the same with app flash from 0";
  // What the rules compute for the same TBF starts at the TBF.
  Fence const computed = ProtectionRules::fence(0x0004'0000U, 0x0004'1000U, ram, ram + 1024);
  EXPECT_TRUE(fence_ok(computed, 0x0004'0000U, 0x0004'1000U, 0x0004'0000U, 0x0040'0000U, ram, ram));
}

}  // namespace
