// The rv32 process context's system-call return: a0 is the variant, and only the registers the variant carries
// change; the others keep what the process had in them (Tock's rule, which libtock-c relies on: its memop wrapper
// keeps a pointer in a register the return type does not use).
#include "keel_arch/user_context.h"

#include <gtest/gtest.h>

namespace {

using keel::ReturnVariant;
using keel::SyscallReturn;

TEST(Rv32UserContext, AReturnWritesOnlyTheRegistersItsVariantCarries) {
  keel::arch::UserContext context;
  context.initialize(keel::ProcessStart{0x80100080, 0x80100080, 0x80300000, 0x1000, 0x80300400});
  // initialize put app_start, mem_start, mem_length, app_brk in a0-a3.
  context.set_return(SyscallReturn::success_u32(7));
  EXPECT_EQ(context.syscall().args[0], static_cast<uint32_t>(ReturnVariant::SuccessU32));
  EXPECT_EQ(context.syscall().args[1], 7U);
  EXPECT_EQ(context.syscall().args[2], 0x1000U) << "a2 is not part of SuccessU32: it keeps the process's value";
  EXPECT_EQ(context.syscall().args[3], 0x80300400U) << "a3 too";
  context.set_return(SyscallReturn::success());
  EXPECT_EQ(context.syscall().args[1], 7U) << "Success carries no value: a1 is left as it was";
  context.set_return(SyscallReturn{ReturnVariant::SuccessU32U32U32, {{1, 2, 3}}});
  EXPECT_EQ(context.syscall().args[1], 1U);
  EXPECT_EQ(context.syscall().args[2], 2U);
  EXPECT_EQ(context.syscall().args[3], 3U);
}

}  // namespace
