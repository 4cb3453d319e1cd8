// The Cortex-M kernel fault report (arch/cortex-m/kernel_fault.cpp): switch.S hands it the fault status registers
// and the pushed lr and pc as values; it picks the cause and the fault address.
#include "arch/cortex-m/assembly_entry.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/host/test_panic.h"

namespace {

constexpr uint32_t kDaccviol = 1U << 1;
constexpr uint32_t kMmarValid = 1U << 7;
constexpr uint32_t kPreciserr = 1U << 9;
constexpr uint32_t kBfarValid = 1U << 15;
constexpr uint32_t kUndefinstr = 1U << 16;
constexpr uint32_t kMstkerr = 1U << 4;
constexpr uint32_t kVecttbl = 1U << 1;

std::string fault_report(uint32_t pc, uint32_t lr, uint32_t cfsr, uint32_t hfsr, uint32_t mmfar, uint32_t bfar) {
  try {
    keel_cm_kernel_fault(cfsr, hfsr, mmfar, bfar, lr, pc);  // switch.S's order: ldrd pairs, then the frame's
  } catch (keel_test::KernelPanic const& panic) {
    return panic.what();
  }
  return "returned";
}

std::string stack_overflow_report(uint32_t sp, uint32_t cfsr, uint32_t mmfar) {
  try {
    keel_cm_kernel_stack_overflow(cfsr, sp, mmfar);
  } catch (keel_test::KernelPanic const& panic) {
    return panic.what();
  }
  return "returned";
}

// The values come last, in decimal (tests/host/test_panic.cpp): pc, address, CFSR.
std::string ending(uint32_t a, uint32_t b, uint32_t c) {
  std::string out;
  for (uint32_t const value : {a, b, c}) {
    out.append(1, ' ');
    out.append(std::to_string(value));
  }
  return out;
}

bool ends_with(std::string const& text, std::string const& end) {
  return text.size() >= end.size() && text.compare(text.size() - end.size(), end.size(), end) == 0;
}

TEST(CortexMKernelFault, DataAccessViolationReportsMmfarWhenValid) {
  uint32_t const cfsr = kDaccviol | kMmarValid;
  std::string const what = fault_report(0x1000, 0x2001, cfsr, 0, 0x1ad0, 0xdead);
  EXPECT_NE(what.find("arch/cortex-m/kernel_fault.cpp:"), std::string::npos) << what;
  EXPECT_NE(what.find(": kernel fault: data access violation, DACCVIOL (pc, address, CFSR)"), std::string::npos)
      << what;
  EXPECT_TRUE(ends_with(what, ending(0x1000, 0x1ad0, cfsr))) << what;
}

TEST(CortexMKernelFault, InvalidFaultAddressesFallBackToTheLr) {
  std::string const what = fault_report(0x1000, 0x2001, kDaccviol, 0, 0x1ad0, 0xdead);
  EXPECT_TRUE(ends_with(what, ending(0x1000, 0x2001, kDaccviol))) << what;
}

TEST(CortexMKernelFault, PreciseBusErrorReportsBfar) {
  uint32_t const cfsr = kPreciserr | kBfarValid;
  std::string const what = fault_report(0x3000, 0x2001, cfsr, 0, 0x1ad0, 0x40001000);
  EXPECT_NE(what.find("precise bus error, PRECISERR"), std::string::npos) << what;
  EXPECT_TRUE(ends_with(what, ending(0x3000, 0x40001000, cfsr))) << what;
}

TEST(CortexMKernelFault, CausesDecodedInOrder) {
  EXPECT_NE(fault_report(0, 0, kUndefinstr, 0, 0, 0).find("undefined instruction, UNDEFINSTR"), std::string::npos);
  EXPECT_NE(fault_report(0, 0, kMstkerr, 0, 0, 0).find("stacking or unstacking"), std::string::npos);
  EXPECT_NE(fault_report(0, 0, 0, kVecttbl, 0, 0).find("vector table read, VECTTBL"), std::string::npos);
  EXPECT_NE(fault_report(0, 0, 0, 0, 0, 0).find("HardFault, NMI or debug event"), std::string::npos);
  // A data access violation is named before the stacking error that came with it.
  EXPECT_NE(fault_report(0, 0, kDaccviol | kMstkerr, 0, 0, 0).find("DACCVIOL"), std::string::npos);
}

TEST(CortexMKernelFault, StackOverflowReportsTheGuardAddressOnlyWhenValid) {
  uint32_t const cfsr = kDaccviol | kMstkerr | kMmarValid;
  std::string const what = stack_overflow_report(0x20000fa0, cfsr, 0x20000fc0);
  EXPECT_NE(what.find(": kernel stack overflow: the kernel stack ran into its guard (sp, fault address, CFSR)"),
            std::string::npos)
      << what;
  EXPECT_TRUE(ends_with(what, ending(0x20000fa0, 0x20000fc0, cfsr))) << what;
  EXPECT_TRUE(ends_with(stack_overflow_report(0x20000fa0, kMstkerr, 0x20000fc0), ending(0x20000fa0, 0, kMstkerr)));
}

}  // namespace
