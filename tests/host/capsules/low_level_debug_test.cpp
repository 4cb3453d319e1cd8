// LowLevelDebug (driver 0x8): the exact lines it prints.
#include <gtest/gtest.h>

#include "../kernel_fixture.h"
#include "capsules/low_level_debug.h"

namespace {

using keel::ProcessId;
using keel::capsules::LowLevelDebug;

constexpr uint32_t kSuccess = 128;

class LowLevelDebugTest : public ::testing::Test {
 protected:
  keel_test::StringWriter out;
  LowLevelDebug debug{keel_test::static_ref(out)};
};

TEST_F(LowLevelDebugTest, AlertCodeLineUsesHexWithoutLeadingZeros) {
  auto const r = debug.command(1, 0x1, 0, ProcessId{0, 0});
  EXPECT_EQ(static_cast<uint32_t>(r.variant), kSuccess);
  EXPECT_EQ(out.output, "LowLevelDebug: App 0x0 alert code 0x1\n");
}

TEST_F(LowLevelDebugTest, PrintsOneValue) {
  (void)debug.command(2, 0xdeadbeef, 0, ProcessId{3, 0x2a});
  EXPECT_EQ(out.output, "LowLevelDebug: App 0x2a prints 0xdeadbeef\n");
}

TEST_F(LowLevelDebugTest, PrintsTwoValues) {
  (void)debug.command(3, 0, 0xffffffff, ProcessId{0, 0x10});
  (void)debug.command(3, 0x100, 0x7, ProcessId{0, 0x10});
  EXPECT_EQ(out.output,
            "LowLevelDebug: App 0x10 prints 0x0 0xffffffff\n"
            "LowLevelDebug: App 0x10 prints 0x100 0x7\n");
}

TEST_F(LowLevelDebugTest, ExistsNeedsNoGrantAndRejectsOtherCommands) {
  EXPECT_EQ(static_cast<uint32_t>(debug.command(0, 0, 0, ProcessId{}).variant), kSuccess);
  auto const r = debug.command(4, 0, 0, ProcessId{});
  EXPECT_EQ(r.variant, keel::ReturnVariant::Failure);
  EXPECT_EQ(r.values[0], keel::to_number(keel::ErrorCode::NoSupport));
  EXPECT_TRUE(debug.grant().is_none());
  EXPECT_EQ(out.output, "");
}

}  // namespace
