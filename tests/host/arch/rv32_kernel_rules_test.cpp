// The addresses of the rv32 kernel's own PMP entries (arch/rv32/kernel_rules.h, untrusted): each NAPOT entry,
// decoded as the PMP decodes it, reaches exactly its range, and a layout the PMP cannot fence panics at boot.
#include "arch/rv32/kernel_rules.h"

#include <gtest/gtest.h>

#include "tests/host/test_panic.h"

namespace {

using keel::AddressRange;
using keel::arch::KernelLayout;
using keel::arch::KernelRules;

/// What a NAPOT pmpaddr value matches (privileged spec table 3.10): its trailing ones give the size.
AddressRange napot_reach(uint32_t pmpaddr) {
  uint64_t const low_ones = pmpaddr ^ (pmpaddr + 1ULL);  // the trailing ones and the zero above them
  uint64_t const size = (low_ones + 1) << 2;
  uint64_t const base = (pmpaddr & ~(low_ones >> 1)) << 2;
  return {static_cast<uint32_t>(base), static_cast<uint32_t>(base + size)};
}

// layout.ld's memory map, with some text end.
constexpr KernelLayout kVirt{{0x8000'0000U, 0x8010'0000U}, 0x8000'6A40U, {0x8010'0000U, 0x8020'0000U},
                             {0x8020'0000U, 0x8030'0000U}, {0x8030'0000U, 0x8040'0000U}};

TEST(Rv32KernelRules, EachEntryReachesItsRange) {
  auto const entries = KernelRules::entries(kVirt);
  EXPECT_EQ(entries.text_start, 0x8000'0000U >> 2);
  EXPECT_EQ(entries.text_end, 0x8000'6A40U >> 2);
  EXPECT_EQ(entries.flash_end, 0x8010'0000U >> 2);
  EXPECT_EQ(napot_reach(entries.app_flash), kVirt.app_flash);
  EXPECT_EQ(napot_reach(entries.kernel_ram), kVirt.kernel_ram);
  EXPECT_EQ(napot_reach(entries.process_ram), kVirt.process_ram);
  EXPECT_EQ(napot_reach(entries.devices), (AddressRange{0, 0x4000'0000U}));
}

TEST(Rv32KernelRules, ALayoutThePmpCannotFencePanics) {
  KernelLayout layout = kVirt;
  layout.text_end = 0x8000'6A42U;
  EXPECT_THROW((void)KernelRules::entries(layout), keel_test::KernelPanic) << "a TOR bound not a multiple of 4";
  layout = kVirt;
  layout.app_flash.end = 0x801C'0000U;
  EXPECT_THROW((void)KernelRules::entries(layout), keel_test::KernelPanic) << "not a power of two";
  layout = kVirt;
  layout.process_ram = {0x8030'0000U, 0x8050'0000U};
  EXPECT_THROW((void)KernelRules::entries(layout), keel_test::KernelPanic) << "not aligned to its size";
  layout = kVirt;
  layout.kernel_ram = {0x8020'0000U, 0x8020'0004U};
  EXPECT_THROW((void)KernelRules::entries(layout), keel_test::KernelPanic) << "smaller than 8 bytes";
}

}  // namespace
