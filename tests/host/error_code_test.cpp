#include "kernel/core/error_code.h"

#include <gtest/gtest.h>

namespace {

using keel::ErrorCode;
using keel::to_number;

// The numbers are the system-call ABI's (shared/spec/abi.md); userspace sees them unchanged.
TEST(ErrorCode, NumberedAsTheAbi) {
  EXPECT_EQ(to_number(ErrorCode::Fail), 1U);
  EXPECT_EQ(to_number(ErrorCode::Busy), 2U);
  EXPECT_EQ(to_number(ErrorCode::Already), 3U);
  EXPECT_EQ(to_number(ErrorCode::Off), 4U);
  EXPECT_EQ(to_number(ErrorCode::Reserve), 5U);
  EXPECT_EQ(to_number(ErrorCode::Inval), 6U);
  EXPECT_EQ(to_number(ErrorCode::Size), 7U);
  EXPECT_EQ(to_number(ErrorCode::Cancel), 8U);
  EXPECT_EQ(to_number(ErrorCode::NoMem), 9U);
  EXPECT_EQ(to_number(ErrorCode::NoSupport), 10U);
  EXPECT_EQ(to_number(ErrorCode::NoDevice), 11U);
  EXPECT_EQ(to_number(ErrorCode::Uninstalled), 12U);
  EXPECT_EQ(to_number(ErrorCode::NoAck), 13U);
}

}  // namespace
