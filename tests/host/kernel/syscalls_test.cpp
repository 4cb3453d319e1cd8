// The system-call layer against processes loaded from real TBF images in (host-mapped) board memory.
#include <gtest/gtest.h>

#include "../fake_cpu.h"
#include "../kernel_fixture.h"
#include "kernel/grant.h"

namespace {

using namespace keel_test;
using keel::ErrorCode;

constexpr uint32_t kSuccess = 128;
constexpr uint32_t kSuccessU32 = 129;
constexpr uint32_t kSuccessU32U32 = 130;
constexpr uint32_t kFailure = 0;
constexpr uint32_t kFailureU32U32 = 2;
constexpr uint32_t kTestDriver = 0x99;
constexpr uint32_t kOtherDriver = 0x9A;

struct TestState {
  uint32_t commands = 0;
};

/// A driver with a grant (2 upcalls, 1 read-only and 1 read-write allow) whose command 1 schedules upcall 0.
class TestDriver final : public keel::SyscallDriver {
 public:
  explicit TestDriver(keel::Kernel& kernel, uint32_t number = kTestDriver) : grant_(kernel, number) {}
  keel::CommandReturn command(uint32_t number, uint32_t arg0, uint32_t arg1, keel::ProcessId pid) const override {
    if (number == 0) { return keel::CommandReturn::success(); }
    if (number == 1) {
      auto r = grant_.enter(pid, [&](TestState& s, keel::GrantKernelData const& data) {
        ++s.commands;
        return data.schedule_upcall(arg0, arg1, s.commands, 0).is_ok();
      });
      return r.is_ok() && r.value() ? keel::CommandReturn::success() : keel::CommandReturn::failure(ErrorCode::Fail);
    }
    return keel::CommandReturn::failure(ErrorCode::NoSupport);
  }
  keel::Option<keel::GrantBase const&> grant() const override { return grant_; }
  keel::Grant<TestState, 2, 1, 1> const& typed_grant() const { return grant_; }

 private:
  keel::Grant<TestState, 2, 1, 1> grant_;
};

class SyscallTest : public KernelTest {
 protected:
  SyscallTest() {
    platform.drivers[kTestDriver] = &driver;
    platform.drivers[kOtherDriver] = &other_driver;
    install_pair("first", "second");
    load();
  }
  uint32_t mem_start(size_t i) { return process(i).memory().mem_start(); }
  uint32_t brk(size_t i) { return process(i).app_brk(); }

  TestDriver driver{kernel};
  TestDriver other_driver{kernel, kOtherDriver};
};

TEST_F(SyscallTest, LoaderPlacesFixedAddressAppsExactly) {
  ASSERT_EQ(kernel.process_count(), 2U) << out.output;
  EXPECT_EQ(mem_start(0), kProcessRam);
  EXPECT_EQ(mem_start(1), kProcessRam + 0x10000);
  EXPECT_EQ(process(1).app_start(), kAppFlash + 0x10000 + 0x80);
  EXPECT_EQ(brk(0), kProcessRam + 4096);
  auto const regs = process(0).context().syscall();
  EXPECT_EQ(regs.args[0], kAppFlash + 0x80) << "a0 = app_start";
  EXPECT_EQ(regs.args[1], kProcessRam) << "a1 = mem_start";
  EXPECT_EQ(regs.args[3], kProcessRam + 4096) << "a3 = app_brk";
  EXPECT_EQ(process(0).context().stack_pointer(), kProcessRam);
  EXPECT_EQ(process(0).context().pc(), kAppFlash + 0x80) << "init = TBF start + header_size + init_fn_offset";
}

TEST_F(SyscallTest, CommandToMissingDriverIsNoDevice) {
  auto r = syscall(0, 2, 0x1234, 0);
  EXPECT_EQ(r[0], kFailure);
  EXPECT_EQ(r[1], keel::to_number(ErrorCode::NoDevice));
  r = syscall(0, 2, kTestDriver, 0);
  EXPECT_EQ(r[0], kSuccess);
}

TEST_F(SyscallTest, UnknownClassFaultsTheProcessAndRestartsIt) {
  uint32_t const before = process(0).id().identifier;
  syscall(0, 9);
  EXPECT_NE(out.output.find("keel: process 'first' faulted: unknown system call class"), std::string::npos)
      << out.output;
  EXPECT_NE(out.output.find("restarting 'first' (restart 1 of 2)"), std::string::npos);
  EXPECT_NE(process(0).id().identifier, before);
  EXPECT_EQ(process(0).state(), keel::ProcessState::Runnable);
  syscall(0, 9);
  syscall(0, 9);
  EXPECT_NE(out.output.find("process 'first' stopped after 2 restart(s)"), std::string::npos) << out.output;
  EXPECT_EQ(process(0).state(), keel::ProcessState::Terminated);
  EXPECT_TRUE(process(1).is_alive()) << "the other process is untouched";
}

TEST_F(SyscallTest, ReadWriteAllowMustLieInAccessibleRam) {
  uint32_t const start = mem_start(0);
  auto r = syscall(0, 3, kTestDriver, 0, start + 16, 32);
  EXPECT_EQ(r[0], kSuccessU32U32);
  EXPECT_EQ(r[1], 0U);
  EXPECT_EQ(r[2], 0U);
  r = syscall(0, 3, kTestDriver, 0, start + 64, 8);
  EXPECT_EQ(r[0], kSuccessU32U32);
  EXPECT_EQ(r[1], start + 16) << "previous pointer";
  EXPECT_EQ(r[2], 32U) << "previous length";

  struct Case {
    uint32_t address;
    uint32_t length;
  };
  for (Case c : {Case{kBoardBase, 4}, Case{brk(0) - 4, 8}, Case{mem_start(1), 4}, Case{start - 1, 2},
                 Case{0xfffffff0U, 0x20}, Case{kAppFlash + 0x80, 4}, Case{process(0).kernel_break(), 4}}) {
    r = syscall(0, 3, kTestDriver, 0, c.address, c.length);
    EXPECT_EQ(r[0], kFailureU32U32) << std::hex << c.address;
    EXPECT_EQ(r[1], keel::to_number(ErrorCode::Inval));
    EXPECT_EQ(r[2], c.address) << "failure echoes the pointer";
    EXPECT_EQ(r[3], c.length);
  }
}

TEST_F(SyscallTest, ReadOnlyAllowMayUseOwnFlashButNotAnothers) {
  EXPECT_EQ(syscall(0, 4, kTestDriver, 0, kAppFlash + 0x80, 16)[0], kSuccessU32U32);
  EXPECT_EQ(syscall(0, 4, kTestDriver, 0, kAppFlash + 0x10080, 16)[0], kFailureU32U32);
  EXPECT_EQ(syscall(0, 4, kTestDriver, 1, kAppFlash + 0x80, 16)[1], keel::to_number(ErrorCode::Inval))
      << "allow number out of range";
  EXPECT_EQ(syscall(0, 4, 0x4242, 0, kAppFlash + 0x80, 16)[1], keel::to_number(ErrorCode::NoDevice));
}

TEST_F(SyscallTest, ZeroLengthAllowAlwaysAcceptedAndRevokes) {
  syscall(0, 3, kTestDriver, 0, mem_start(0), 8);
  auto r = syscall(0, 3, kTestDriver, 0, 0xdeadbeef, 0);
  EXPECT_EQ(r[0], kSuccessU32U32);
  EXPECT_EQ(r[1], mem_start(0));
  r = syscall(0, 3, kTestDriver, 0, 0, 0);
  EXPECT_EQ(r[1], 0U);
  EXPECT_EQ(r[2], 0U);
}

TEST_F(SyscallTest, AFailedZeroLengthAllowEchoesThePointerItWasGiven) {
  // TRD 104: every failure returns the arguments passed in, a zero-length allow's pointer included.
  auto r = syscall(0, 3, 0x4242, 0, 0xdeadbeef, 0);
  EXPECT_EQ(r[0], kFailureU32U32);
  EXPECT_EQ(r[1], keel::to_number(ErrorCode::NoDevice));
  EXPECT_EQ(r[2], 0xdeadbeefU);
  EXPECT_EQ(r[3], 0U);
  r = syscall(0, 4, kTestDriver, 7, 0xfeedf00d, 0);  // no read-only allow 7
  EXPECT_EQ(r[0], kFailureU32U32);
  EXPECT_EQ(r[1], keel::to_number(ErrorCode::Inval));
  EXPECT_EQ(r[2], 0xfeedf00dU);
}

TEST_F(SyscallTest, AReadWriteBufferOverlappingAnotherReadWriteBufferIsRefused) {
  uint32_t const base = mem_start(0) + 0x100;
  EXPECT_EQ(syscall(0, 3, kTestDriver, 0, base, 16)[0], kSuccessU32U32);
  auto r = syscall(0, 3, kOtherDriver, 0, base + 8, 16);
  EXPECT_EQ(r[0], kFailureU32U32) << "overlaps the first buffer's last 8 bytes";
  EXPECT_EQ(r[1], keel::to_number(ErrorCode::Inval));
  EXPECT_EQ(r[2], base + 8);
  EXPECT_EQ(r[3], 16U);
  EXPECT_EQ(syscall(0, 3, kOtherDriver, 0, base - 8, 9)[0], kFailureU32U32) << "overlaps its first byte";
  EXPECT_EQ(syscall(0, 3, kOtherDriver, 0, base + 4, 1)[0], kFailureU32U32) << "inside it";
  EXPECT_EQ(syscall(0, 3, kOtherDriver, 0, base - 8, 8)[0], kSuccessU32U32) << "adjacent below";
  EXPECT_EQ(syscall(0, 3, kOtherDriver, 0, base + 16, 8)[0], kSuccessU32U32) << "adjacent above (replaces)";
  EXPECT_EQ(syscall(0, 3, kTestDriver, 0, base + 4, 8)[0], kSuccessU32U32) << "a slot may replace its own buffer";
  EXPECT_EQ(syscall(0, 4, kOtherDriver, 0, base, 16)[0], kSuccessU32U32) << "read-only buffers may overlap";
  EXPECT_EQ(syscall(1, 3, kOtherDriver, 0, mem_start(1) + 0x100, 16)[0], kSuccessU32U32)
      << "another process's buffers are its own business";
  syscall(0, 3, kTestDriver, 0, 0, 0);  // revoked: no longer in the way
  EXPECT_EQ(syscall(0, 3, kOtherDriver, 0, base, 16)[0], kSuccessU32U32);
}

TEST_F(SyscallTest, SubscribeChecksTheFunctionPointerAndReturnsPrevious) {
  uint32_t const fn = kAppFlash + 0x90;
  auto r = syscall(0, 1, kTestDriver, 0, fn, 7);
  EXPECT_EQ(r[0], kSuccessU32U32);
  EXPECT_EQ(r[1], 0U);
  r = syscall(0, 1, kTestDriver, 0, fn + 4, 8);
  EXPECT_EQ(r[1], fn);
  EXPECT_EQ(r[2], 7U);
  r = syscall(0, 1, kTestDriver, 0, kBoardBase, 0);
  EXPECT_EQ(r[0], kFailureU32U32);
  EXPECT_EQ(r[1], keel::to_number(ErrorCode::Inval));
  EXPECT_EQ(r[2], kBoardBase);
  EXPECT_EQ(syscall(0, 1, kTestDriver, 2, fn, 0)[1], keel::to_number(ErrorCode::Inval)) << "only 2 upcalls";
  EXPECT_EQ(syscall(0, 1, 0x4242, 0, fn, 0)[1], keel::to_number(ErrorCode::NoDevice));
}

TEST_F(SyscallTest, YieldWaitRunsTheUpcallWithArgumentsAndAppdata) {
  uint32_t const fn = kAppFlash + 0x90;
  syscall(0, 1, kTestDriver, 0, fn, 0x55);
  syscall(0, 2, kTestDriver, 1, 0, 42);  // schedules upcall 0 (42, 1, 0)
  syscall(0, 0, 1);                      // yield-wait
  EXPECT_EQ(process(0).state(), keel::ProcessState::Runnable);
  EXPECT_EQ(process(0).context().pc(), fn);
  auto regs = process(0).context().syscall();
  EXPECT_EQ(regs.args[0], 42U);
  EXPECT_EQ(regs.args[1], 1U);
  EXPECT_EQ(regs.args[3], 0x55U) << "a3 = appdata";
}

TEST_F(SyscallTest, YieldWaitBlocksWithoutUpcallAndWakesWhenOneArrives) {
  syscall(0, 1, kTestDriver, 0, kAppFlash + 0x90, 0);
  syscall(0, 0, 1);
  EXPECT_EQ(process(0).state(), keel::ProcessState::Yielded);
  driver.command(1, 0, 5, process(0).id());
  kernel.wake_if_ready(process(0));
  EXPECT_EQ(process(0).state(), keel::ProcessState::Runnable);
  EXPECT_EQ(process(0).context().pc(), kAppFlash + 0x90);
}

TEST_F(SyscallTest, UpcallForAWaitingProcessWithNothingQueuedEndsItsYieldAtOnce) {
  uint32_t const fn = kAppFlash + 0x90;
  syscall(0, 1, kTestDriver, 0, fn, 0x66);
  syscall(0, 0, 1);
  ASSERT_EQ(process(0).state(), keel::ProcessState::Yielded);
  uint32_t const pushes = keel::UpcallQueue::pushes();
  driver.command(1, 0, 5, process(0).id());  // upcall 0 (5, 1, 0), no scheduler pass after it
  EXPECT_EQ(process(0).state(), keel::ProcessState::Runnable);
  EXPECT_EQ(process(0).context().pc(), fn);
  EXPECT_EQ(process(0).context().syscall().args[0], 5U);
  EXPECT_EQ(process(0).context().syscall().args[3], 0x66U);
  EXPECT_EQ(process(0).upcalls().size(), 0U) << "delivered, not queued";
  EXPECT_EQ(keel::UpcallQueue::pushes(), pushes + 1) << "the scheduler still learns that a process became ready";
}

TEST_F(SyscallTest, UpcallForAWaitingProcessWithOlderEntriesIsQueuedBehindThem) {
  uint32_t const fn = kAppFlash + 0x90;
  syscall(0, 1, kTestDriver, 0, fn, 0);
  syscall(0, 2, kTestDriver, 1, 1, 9);  // a null-subscription event: queued, never ends a yield-wait
  syscall(0, 0, 1);
  ASSERT_EQ(process(0).state(), keel::ProcessState::Yielded);
  driver.command(1, 0, 5, process(0).id());
  EXPECT_EQ(process(0).state(), keel::ProcessState::Yielded) << "queued behind the older entry";
  EXPECT_EQ(process(0).upcalls().size(), 2U);
  kernel.wake_if_ready(process(0));
  EXPECT_EQ(process(0).state(), keel::ProcessState::Runnable);
  EXPECT_EQ(process(0).context().syscall().args[0], 5U);
  EXPECT_EQ(process(0).upcalls().size(), 1U) << "the null-subscription event stays for a later wait-for";
}

TEST_F(SyscallTest, YieldWaitForEndsAtOnceOnlyForTheAwaitedUpcall) {
  syscall(0, 1, kTestDriver, 0, kAppFlash + 0x90, 0);
  syscall(0, 0, 2, kTestDriver, 1);  // wait for upcall 1
  ASSERT_EQ(process(0).state(), keel::ProcessState::YieldedFor);
  driver.command(1, 0, 3, process(0).id());  // upcall 0: not the one awaited
  EXPECT_EQ(process(0).state(), keel::ProcessState::YieldedFor);
  EXPECT_EQ(process(0).upcalls().size(), 1U);
  process(0).upcalls().clear();
  uint32_t const pc = process(0).context().pc();
  driver.command(1, 1, 4, process(0).id());  // upcall 1 (4, 2, 0), nothing queued
  EXPECT_EQ(process(0).state(), keel::ProcessState::Runnable);
  EXPECT_EQ(process(0).context().syscall().args[0], 4U) << "wait-for returns the upcall's arguments";
  EXPECT_EQ(process(0).context().syscall().args[1], 2U);
  EXPECT_EQ(process(0).context().pc(), pc) << "continues after its yield, not in a function";
}

TEST_F(SyscallTest, YieldNoWaitWritesFlagOnlyInsideRam) {
  uint32_t const flag = mem_start(0) + 100;
  board_memory(flag)[0] = 9;
  syscall(0, 0, 0, flag);
  EXPECT_EQ(board_memory(flag)[0], 0) << "no upcall: 0";
  EXPECT_EQ(process(0).state(), keel::ProcessState::Runnable);
  syscall(0, 1, kTestDriver, 0, kAppFlash + 0x90, 0);
  syscall(0, 2, kTestDriver, 1, 0, 1);
  syscall(0, 0, 0, flag);
  EXPECT_EQ(board_memory(flag)[0], 1);
  EXPECT_EQ(process(0).context().pc(), kAppFlash + 0x90);
  uint8_t const kernel_byte = board_memory(kKernelRam)[0];
  syscall(0, 0, 0, kKernelRam);
  EXPECT_EQ(board_memory(kKernelRam)[0], kernel_byte) << "never writes outside the process";
}

TEST_F(SyscallTest, YieldWaitForReturnsArgumentsOfNullSubscription) {
  syscall(0, 2, kTestDriver, 1, 1, 77);  // upcall 1 is not subscribed: queued for wait-for only
  syscall(0, 0, 0, mem_start(0));
  EXPECT_EQ(board_memory(mem_start(0))[0], 0) << "null-subscription events don't count for no-wait";
  auto r = syscall(0, 0, 2, kTestDriver, 1);
  EXPECT_EQ(process(0).state(), keel::ProcessState::Runnable);
  EXPECT_EQ(r[0], 77U);
  EXPECT_EQ(r[1], 1U);
  syscall(0, 0, 2, kTestDriver, 1);
  EXPECT_EQ(process(0).state(), keel::ProcessState::YieldedFor);
}

TEST_F(SyscallTest, SubscribeDropsPendingUpcallsOfThatSlot) {
  syscall(0, 1, kTestDriver, 0, kAppFlash + 0x90, 0);
  syscall(0, 2, kTestDriver, 1, 0, 1);
  syscall(0, 1, kTestDriver, 0, kAppFlash + 0x94, 0);
  syscall(0, 0, 0, mem_start(0));
  EXPECT_EQ(board_memory(mem_start(0))[0], 0);
}

TEST_F(SyscallTest, MemopsReportLayout) {
  keel::Process& p = process(0);
  EXPECT_EQ(syscall(0, 5, 2)[1], p.memory().mem_start());
  EXPECT_EQ(syscall(0, 5, 3)[1], p.memory().mem_end());
  EXPECT_EQ(syscall(0, 5, 4)[1], kAppFlash);
  EXPECT_EQ(syscall(0, 5, 5)[1], p.memory().flash_end());
  EXPECT_EQ(syscall(0, 5, 6)[1], p.kernel_break());
  EXPECT_EQ(syscall(0, 5, 7)[1], 0U);
  EXPECT_EQ(syscall(0, 5, 8, 0)[0], kFailure);
  EXPECT_EQ(syscall(0, 5, 10)[0], kSuccess);
  auto r = syscall(0, 5, 12);
  EXPECT_EQ(r[0], kFailure);
  EXPECT_EQ(r[1], keel::to_number(ErrorCode::NoSupport));
}

/// An app with writeable flash regions: the memops read them from its TBF (the process keeps no copy).
class WriteableFlashTest : public KernelTest {
 protected:
  WriteableFlashTest() {
    TbfBuilder app;
    app.name = "writer";
    app.binary_size = 0x800;
    std::vector<uint8_t> regions;
    for (uint32_t v : {0x400U, 0x100U, 0x600U, 0x80U}) { TbfBuilder::put32(regions, v); }
    app.extra_tlvs.push_back({2, regions});
    install(app.build(), kAppFlash);
    load();
  }
};

TEST_F(WriteableFlashTest, MemopsReadTheRegionsFromTheTbf) {
  ASSERT_EQ(syscall(0, 5, 7)[0], kSuccessU32);
  EXPECT_EQ(syscall(0, 5, 7)[1], 2U);
  EXPECT_EQ(syscall(0, 5, 8, 0)[1], kAppFlash + 0x400);
  EXPECT_EQ(syscall(0, 5, 9, 0)[1], kAppFlash + 0x500);
  EXPECT_EQ(syscall(0, 5, 8, 1)[1], kAppFlash + 0x600);
  EXPECT_EQ(syscall(0, 5, 9, 1)[1], kAppFlash + 0x680);
  EXPECT_EQ(syscall(0, 5, 8, 2)[0], kFailure);
  EXPECT_EQ(syscall(0, 5, 9, 0xffffffffU)[0], kFailure);
}

TEST_F(SyscallTest, BrkAndSbrkStayBetweenAllowedBuffersAndGrantRegion) {
  uint32_t const start = mem_start(0);
  auto r = syscall(0, 5, 1, 16);
  EXPECT_EQ(r[0], kSuccessU32);
  EXPECT_EQ(r[1], start + 4096) << "sbrk returns the old break";
  EXPECT_EQ(brk(0), start + 4112);
  EXPECT_EQ(syscall(0, 5, 0, process(0).kernel_break() + 4)[1], keel::to_number(ErrorCode::NoMem));
  EXPECT_EQ(syscall(0, 5, 0, 0x90000000U)[0], kFailure);
  EXPECT_EQ(syscall(0, 5, 0, start - 4)[0], kFailure);
  EXPECT_EQ(syscall(0, 5, 1, static_cast<uint32_t>(-0x100000))[0], kFailure);
  syscall(0, 3, kTestDriver, 0, start + 2000, 100);
  EXPECT_EQ(syscall(0, 5, 0, start + 2050)[0], kFailure) << "below an allowed buffer";
  EXPECT_EQ(syscall(0, 5, 0, start + 2100)[0], kSuccess);
}

TEST_F(SyscallTest, NewlyExposedMemoryReadsAsZero) {
  uint32_t const start = mem_start(0);
  syscall(0, 5, 0, start + 256);
  board_memory(start + 300)[0] = 0;
  // Memory above the break (e.g. written before shrinking) is wiped when exposed again.
  board_memory(start + 300)[0] = 0xee;
  syscall(0, 5, 0, start + 512);
  EXPECT_EQ(board_memory(start + 300)[0], 0);
}

TEST_F(SyscallTest, GrantsAreCarvedFromTheTopAndRunOutWithNoMem) {
  keel::Process& p = process(0);
  uint32_t const top = p.kernel_break();
  EXPECT_EQ(syscall(0, 1, kTestDriver, 0, 0, 0)[0], kSuccessU32U32);
  EXPECT_LT(p.kernel_break(), top);
  EXPECT_GE(p.kernel_break(), p.app_brk());
  // Grow the break right up to the grant region: a second process's first grant use must now fail with NoMem.
  keel::Process& q = process(1);
  EXPECT_EQ(syscall(1, 5, 0, q.kernel_break())[0], kSuccess);
  auto r = syscall(1, 1, kTestDriver, 0, 0, 0);
  EXPECT_EQ(r[0], kFailureU32U32);
  EXPECT_EQ(r[1], keel::to_number(ErrorCode::NoMem));
  EXPECT_TRUE(p.is_alive());
}

TEST_F(SyscallTest, GrantsNeverTakeMemoryTheProcessOnceReached) {
  // A view of process memory that kernel code took while the break was high must never come to view a grant:
  // grants are carved only above the highest break since the claim, restarts included.
  keel::Process& q = process(1);
  uint32_t const start = mem_start(1);
  uint32_t const high = q.kernel_break() - 16;
  ASSERT_EQ(syscall(1, 5, 0, high)[0], kSuccess);
  ASSERT_EQ(syscall(1, 5, 0, start + 64)[0], kSuccess) << "the break comes down again";
  auto r = syscall(1, 1, kTestDriver, 0, 0, 0);
  EXPECT_EQ(r[0], kFailureU32U32) << "the only free memory was once the process's";
  EXPECT_EQ(r[1], keel::to_number(ErrorCode::NoMem));
  EXPECT_GE(q.kernel_break(), high);
}

TEST_F(SyscallTest, GrantEnterIsNotReentrantAndStaleIdsFindNothing) {
  keel::ProcessId const pid = process(0).id();
  bool inner_ran = false;
  auto outer = driver.typed_grant().enter(pid, [&](TestState&, keel::GrantKernelData const&) {
    auto inner = driver.typed_grant().enter(pid, [&](TestState&, keel::GrantKernelData const&) { inner_ran = true; });
    EXPECT_EQ(inner.error(), ErrorCode::Busy);
  });
  EXPECT_TRUE(outer.is_ok());
  EXPECT_FALSE(inner_ran);
  syscall(0, 6, 1, 0);  // exit-restart: a new identifier
  EXPECT_EQ(driver.typed_grant().enter(pid, [](TestState&, keel::GrantKernelData const&) {}).error(),
            ErrorCode::Fail);
}

TEST_F(SyscallTest, GrantSlotsOfEachKindStayApartAndAreLentByValue) {
  uint32_t const fn = kAppFlash + 0x90;
  uint32_t const start = mem_start(0);
  syscall(0, 1, kTestDriver, 0, fn, 10);
  syscall(0, 1, kTestDriver, 1, fn + 4, 11);
  syscall(0, 4, kTestDriver, 0, start + 0x40, 12);
  syscall(0, 3, kTestDriver, 0, start + 0x80, 13);
  keel::Process& p = process(0);
  EXPECT_FALSE(keel::with_existing_kernel_data(other_driver.typed_grant(), p, [](keel::GrantKernelData const&) {}))
      << "nothing allocated for the other driver";
  bool const ran = keel::with_existing_kernel_data(driver.typed_grant(), p, [&](keel::GrantKernelData const& data) {
    EXPECT_EQ(data.process_id(), p.id());
    EXPECT_EQ(data.upcall(0).value().function, fn);
    EXPECT_EQ(data.upcall(0).value().appdata, 10U);
    EXPECT_EQ(data.upcall(1).value().appdata, 11U);
    EXPECT_TRUE(data.upcall(2).is_none()) << "only 2 upcalls: slot 2 is the read-only allow's";
    EXPECT_EQ(data.read_only_allow_count(), 1U);
    EXPECT_EQ(data.read_write_allow_count(), 1U);
    EXPECT_EQ(data.read_only_allow(0).value().address, start + 0x40);
    EXPECT_TRUE(data.read_only_allow(1).is_none());
    EXPECT_EQ(data.read_write_allow(0).value().length, 13U);
    EXPECT_TRUE(data.read_write_allow(1).is_none());
    EXPECT_EQ(data.read_only_buffer(0).size(), 12U);
    EXPECT_EQ(data.read_write_buffer(0).size(), 13U);
    EXPECT_EQ(data.read_write_buffer(1).size(), 0U);
    EXPECT_EQ(data.schedule_upcall(2, 0, 0, 0).error(), ErrorCode::Inval);
    EXPECT_TRUE(data.exchange_read_write_allow(1, keel::AllowSlot{start, 4}).is_none()) << "no such slot";
    EXPECT_EQ(data.read_write_allow(0).value().address, start + 0x80) << "nothing written beyond the count";
  });
  EXPECT_TRUE(ran);
}

TEST_F(SyscallTest, GrantStatePersistsAcrossEntersAndResetsOnRestart) {
  keel::ProcessId pid = process(0).id();
  for (int i = 0; i < 3; ++i) { (void)driver.typed_grant().enter(pid, [](TestState& s, keel::GrantKernelData const&) { ++s.commands; }); }
  EXPECT_EQ(driver.typed_grant().enter(pid, [](TestState& s, keel::GrantKernelData const&) { return s.commands; }).value(), 3U);
  syscall(0, 6, 1, 0);
  pid = process(0).id();
  EXPECT_EQ(driver.typed_grant().enter(pid, [](TestState& s, keel::GrantKernelData const&) { return s.commands; }).value(), 0U);
}

TEST_F(SyscallTest, ExitTerminateEndsTheProcess) {
  syscall(0, 6, 0, 3);
  EXPECT_EQ(process(0).state(), keel::ProcessState::Terminated);
  EXPECT_EQ(process(0).completion_code(), 3U);
  EXPECT_NE(out.output.find("keel: process 'first' exited with code 3"), std::string::npos);
  auto r = syscall(1, 6, 7, 0);
  EXPECT_EQ(r[0], kFailure);
  EXPECT_EQ(r[1], keel::to_number(ErrorCode::NoSupport));
}

TEST_F(SyscallTest, ProtectionRegionsCoverTbfAndRamUpToBreak) {
  auto regions = process(0).protection_regions();
  EXPECT_EQ(regions.flash().start, kAppFlash);
  EXPECT_EQ(regions.ram().start, kProcessRam);
  EXPECT_EQ(regions.ram().end, process(0).app_brk());
  EXPECT_LT(regions.ram().end, process(0).memory().mem_end()) << "grant region excluded";
}

class LoaderTest : public KernelTest {
 protected:
  void expect_refused_then_next_loads(uint32_t ram);
};

TEST_F(LoaderTest, CorruptImageIsReportedAndTheNextOneStillLoads) {
  TbfBuilder bad;
  bad.name = "bad";
  bad.corrupt_checksum = true;
  auto bad_image = bad.build();
  install(bad_image, kAppFlash);
  TbfBuilder good;
  good.name = "good";
  good.fixed_flash = kAppFlash + static_cast<uint32_t>(bad_image.size()) + 0x80;
  install(good.build(), kAppFlash + static_cast<uint32_t>(bad_image.size()));
  load();
  EXPECT_NE(out.output.find("keel: skipping TBF at " + hex32(kAppFlash) + " (offset 0x0000000c): checksum mismatch"),
            std::string::npos)
      << out.output;
  ASSERT_EQ(kernel.process_count(), 1U) << out.output;
  EXPECT_EQ(as_std_string(process(0).name()), "good");
}

TEST_F(LoaderTest, RefusesWrongFixedFlashIncompatibleKernelAndDisabled) {
  TbfBuilder wrong_flash;
  wrong_flash.name = "moved";
  wrong_flash.fixed_flash = kAppFlash + 0x10080;
  auto a = wrong_flash.build();
  install(a, kAppFlash);
  uint32_t at = kAppFlash + static_cast<uint32_t>(a.size());
  TbfBuilder future;
  future.name = "future";
  future.kernel_major = 3;
  future.fixed = false;
  auto b = future.build();
  install(b, at);
  at += static_cast<uint32_t>(b.size());
  TbfBuilder off;
  off.name = "off";
  off.flags = 0;
  off.fixed = false;
  install(off.build(), at);
  load();
  EXPECT_EQ(kernel.process_count(), 0U);
  EXPECT_NE(out.output.find("'moved' refused: linked for flash " + hex32(kAppFlash + 0x10080) +
                            " but its binary is at " + hex32(kAppFlash + 0x80)),
            std::string::npos)
      << out.output;
  EXPECT_NE(out.output.find("'future' at"), std::string::npos);
  EXPECT_NE(out.output.find("needs kernel 3.2"), std::string::npos);
  EXPECT_NE(out.output.find("'off' at"), std::string::npos);
}

// Fixed RAM above the board's process RAM, a block that wraps past 2^32, and RAM that is not process RAM: each
// image is refused with a message, and the app after it is placed and runs (these used to panic the kernel at boot).
void LoaderTest::expect_refused_then_next_loads(uint32_t ram) {
  TbfBuilder bad;
  bad.name = "bad";
  bad.fixed_ram = ram;
  std::vector<uint8_t> const image = bad.build();
  install(image, kAppFlash);
  TbfBuilder good;
  good.name = "good";
  good.fixed_flash = kAppFlash + static_cast<uint32_t>(image.size()) + 0x80;
  good.fixed_ram = kProcessRam;
  install(good.build(), kAppFlash + static_cast<uint32_t>(image.size()));
  load();
  EXPECT_NE(out.output.find("refused: needs RAM " + hex32(ram)), std::string::npos) << out.output;
  ASSERT_EQ(kernel.process_count(), 1U) << out.output;
  EXPECT_EQ(process(0).memory().mem_start(), kProcessRam);
  EXPECT_EQ(process(0).state(), keel::ProcessState::Runnable);
}

TEST_F(LoaderTest, RamAboveProcessRamIsRefusedAndTheNextAppLoads) { expect_refused_then_next_loads(kProcessRamEnd + 0x10000000U); }
TEST_F(LoaderTest, RamWrappingPast4GiBIsRefusedAndTheNextAppLoads) { expect_refused_then_next_loads(0xFFFFF000U); }
TEST_F(LoaderTest, RamThatIsNotProcessRamIsRefusedAndTheNextAppLoads) { expect_refused_then_next_loads(kKernelRam + 0x1000U); }

TEST_F(LoaderTest, AnImageWhoseSizeIsNotAMultipleOf4IsRefused) {
  // Its flash would end mid-word, and the PMP/MPU fences whole words at least: refused, so no process can ever read
  // a byte past its own image.
  TbfBuilder odd;
  odd.name = "odd";
  odd.binary_size = 257;
  std::vector<uint8_t> const image = odd.build();
  ASSERT_NE(image.size() % 4, 0U);
  install(image, kAppFlash);
  load();
  EXPECT_EQ(kernel.process_count(), 0U);
  EXPECT_NE(out.output.find("misaligned"), std::string::npos) << out.output;
}

TEST_F(LoaderTest, RefusesRamThatCannotBeHonoured) {
  TbfBuilder low;
  low.fixed_ram = kKernelRam;
  install(low.build(), kAppFlash);
  load();
  EXPECT_EQ(kernel.process_count(), 0U);
  EXPECT_NE(out.output.find("refused: needs RAM " + hex32(kKernelRam)), std::string::npos) << out.output;
}

}  // namespace
