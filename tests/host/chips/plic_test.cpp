// The PLIC driver against its 2 MiB register block in ordinary memory (context 0 only).
#include "chips/qemu-virt/plic.h"

#include <gtest/gtest.h>

#include "fake_registers.h"
#include "tests/host/test_panic.h"

namespace {

using keel::chips::qemu_virt::Plic;
using keel::chips::qemu_virt::PlicRegisters;

constexpr std::size_t priority(uint32_t source) { return 4U * source; }
constexpr std::size_t kEnableWord0 = 0x2000;
constexpr std::size_t kThreshold = 0x200000;
constexpr std::size_t kClaimComplete = 0x200004;

class PlicTest : public ::testing::Test {
 protected:
  uint32_t enable_word(std::size_t word) const { return keel_test::peek32(*registers, kEnableWord0 + 4 * word); }

  std::unique_ptr<PlicRegisters> registers = keel_test::make_register_block<PlicRegisters>();
  Plic plic{keel_test::static_ref(*registers)};
};

TEST_F(PlicTest, InitializeDisablesEverySourceAndOpensTheThreshold) {
  for (std::size_t word = 0; word < 3; ++word) { keel_test::poke32(*registers, kEnableWord0 + 4 * word, ~0U); }
  keel_test::poke32(*registers, priority(10), 7);
  keel_test::poke32(*registers, kThreshold, 3);
  plic.initialize();
  for (std::size_t word = 0; word < 3; ++word) { EXPECT_EQ(enable_word(word), 0U); }
  EXPECT_EQ(keel_test::peek32(*registers, kThreshold), 0U);
}

// initialize() leaves the priorities as they were (a disabled source is silent whatever its priority); enable()
// is what sets one.
TEST_F(PlicTest, EnableSetsPriorityAndOneBitInTheRightWord) {
  keel_test::poke32(*registers, priority(10), 7);
  plic.initialize();
  plic.enable(10);
  plic.enable(1);
  plic.enable(33);
  EXPECT_EQ(keel_test::peek32(*registers, priority(10)), 1U);
  EXPECT_EQ(keel_test::peek32(*registers, priority(33)), 1U);
  EXPECT_EQ(enable_word(0), (1U << 10) | (1U << 1));
  EXPECT_EQ(enable_word(1), 1U << 1);
  plic.disable(10);
  EXPECT_EQ(enable_word(0), 1U << 1) << "disable clears only its own bit";
}

TEST_F(PlicTest, ClaimAndComplete) {
  keel_test::poke32(*registers, kClaimComplete, 0);
  EXPECT_TRUE(plic.next_pending().is_none()) << "claim 0: nothing pending";

  keel_test::poke32(*registers, kClaimComplete, 10);
  keel::Option<uint32_t> const claimed = plic.next_pending();
  ASSERT_TRUE(claimed.is_some());
  EXPECT_EQ(claimed.value(), 10U);

  keel_test::poke32(*registers, kClaimComplete, 0);
  plic.complete(10);
  EXPECT_EQ(keel_test::peek32(*registers, kClaimComplete), 10U) << "complete writes the source number back";
}

TEST_F(PlicTest, SourcesOutsideOneToNinetyFiveAreAWiringBug) {
  EXPECT_THROW(plic.enable(0), keel_test::KernelPanic);
  EXPECT_THROW(plic.enable(96), keel_test::KernelPanic);
  EXPECT_THROW(plic.disable(200), keel_test::KernelPanic);
}

}  // namespace
