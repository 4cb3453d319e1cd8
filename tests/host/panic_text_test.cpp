// PanicText (kernel/core/panic.h): what keel::panic is given, read back as the literal it was made from.
#include "kernel/core/panic.h"
#include "kernel/core/slice.h"

#include <gtest/gtest.h>

#include <string>

#include "test_panic.h"

namespace {

std::string read(keel::PanicText text) {
  std::string out;
  for (char const c : text.text().slice()) { out += c; }
  return out;
}

// Counted at compile time, without the NUL.
static_assert(keel::PanicText("abc").text().size() == 3);
static_assert(keel::PanicText("").text().size() == 0);

TEST(PanicText, ReadsBackTheLiteralWithoutItsNul) {
  EXPECT_EQ(read("slice index out of bounds"), "slice index out of bounds");
  EXPECT_EQ(read(""), "");
  EXPECT_EQ(read("a\0b"), "a");  // up to the first NUL, which the constructor found inside the array
}

TEST(PanicText, KeelPanicReportsFileLineAndReason) {
  int line = 0;
  try {
    line = __LINE__ + 1;
    KEEL_PANIC("a reason");
  } catch (keel_test::KernelPanic const& panic) {
    EXPECT_EQ(std::string(panic.what()), std::string(__FILE__) + ":" + std::to_string(line) + ": a reason");
    return;
  }
  FAIL() << "KEEL_PANIC returned";
}

TEST(PanicText, ValuesFollowTheReason) {
  try {
    KEEL_PANIC_WITH_VALUES("three values", 1, 22, 333);
  } catch (keel_test::KernelPanic const& panic) {
    std::string const what = panic.what();
    EXPECT_NE(what.find(": three values 1 22 333"), std::string::npos) << what;
    return;
  }
  FAIL() << "KEEL_PANIC_WITH_VALUES returned";
}

}  // namespace
