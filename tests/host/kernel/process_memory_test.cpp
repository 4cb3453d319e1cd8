// SPDX-License-Identifier: Apache-2.0
// ProcessMemory, the trusted owner of every process's bounds: claims are refused outside the board's regions,
// misaligned or overlapping; the break never enters the grant region; memory handed out reads as zero.
#include "kernel/process_memory.h"

#include <gtest/gtest.h>

#include <cstring>

#include "../fake_cpu.h"
#include "../kernel_fixture.h"
#include "../test_panic.h"

namespace {

using keel::AddressRange;
using keel::ErrorCode;
using keel::ProcessMemory;
using keel_test::kAppFlash;
using keel_test::kAppFlashEnd;
using keel_test::kProcessRam;
using keel_test::kProcessRamEnd;

constexpr AddressRange kTbf{kAppFlash, kAppFlash + 0x400};
/// The `n`th TBF of kTbf's size from kTbf on: another process's (TBFs never overlap either).
constexpr AddressRange tbf(uint32_t n) { return {kAppFlash + 0x400 * n, kAppFlash + 0x400 * (n + 1)}; }

class ProcessMemoryTest : public ::testing::Test {
 protected:
  ProcessMemoryTest() {
    keel_test::clear_board_memory();
    ProcessMemory::forget_all_claims();
    ProcessMemory::set_board_regions({kAppFlash, kAppFlashEnd}, {kProcessRam, kProcessRamEnd});
  }
  ~ProcessMemoryTest() override {
    a.release();
    b.release();
  }
  ProcessMemory a;
  ProcessMemory b;
};

ErrorCode claim_error(ProcessMemory& memory, AddressRange flash, AddressRange ram) {
  keel::Result<void> const result = memory.claim(flash, ram);
  return result.is_ok() ? ErrorCode::Fail : result.error();
}

TEST_F(ProcessMemoryTest, RefusesRamOrFlashOutsideTheBoardRegions) {
  EXPECT_EQ(claim_error(a, kTbf, {kProcessRam - 8, kProcessRam + 0x100}), ErrorCode::Inval) << "starts below";
  EXPECT_EQ(claim_error(a, kTbf, {kProcessRamEnd - 8, kProcessRamEnd + 8}), ErrorCode::Inval) << "ends above";
  EXPECT_EQ(claim_error(a, kTbf, {0x90000000U, 0x90001000U}), ErrorCode::Inval) << "not RAM at all";
  EXPECT_EQ(claim_error(a, kTbf, {0xfffff000U, 0x00001000U}), ErrorCode::Inval) << "wraps past 2^32";
  EXPECT_EQ(claim_error(a, {kAppFlashEnd - 4, kAppFlashEnd + 4}, {kProcessRam, kProcessRam + 0x100}),
            ErrorCode::Inval)
      << "flash past the app region";
  EXPECT_EQ(claim_error(a, kTbf, {kProcessRam, kProcessRam}), ErrorCode::Inval) << "empty";
  EXPECT_FALSE(a.in_ram(kProcessRam, 1)) << "a refused claim gives nothing";
}

TEST_F(ProcessMemoryTest, RefusesMisalignedBounds) {
  EXPECT_EQ(claim_error(a, kTbf, {kProcessRam + 4, kProcessRam + 0x100}), ErrorCode::Inval) << "RAM: 8 bytes";
  EXPECT_EQ(claim_error(a, {kAppFlash + 2, kAppFlash + 0x400}, {kProcessRam, kProcessRam + 0x100}),
            ErrorCode::Inval)
      << "flash: 4 bytes";
}

TEST_F(ProcessMemoryTest, RefusesRamOverlappingAnyEarlierClaim) {
  ASSERT_TRUE(a.claim(kTbf, {kProcessRam, kProcessRam + 0x1000}).is_ok());
  EXPECT_EQ(claim_error(b, tbf(1), {kProcessRam + 0xff8, kProcessRam + 0x2000}), ErrorCode::Inval);
  EXPECT_EQ(claim_error(b, tbf(1), {kProcessRam - 0, kProcessRam + 8}), ErrorCode::Inval);
  EXPECT_EQ(claim_error(a, kTbf, {kProcessRam + 0x3000, kProcessRam + 0x4000}), ErrorCode::Already);
  EXPECT_TRUE(b.claim(tbf(1), {kProcessRam + 0x1000, kProcessRam + 0x2000}).is_ok()) << "adjacent is fine";
  a.release();
  ProcessMemory c;
  EXPECT_EQ(claim_error(c, tbf(2), {kProcessRam, kProcessRam + 0x1000}), ErrorCode::Inval)
      << "claims are never given back: a view some code still holds could otherwise come to view new grants";
}

TEST_F(ProcessMemoryTest, ResetZeroesWhatTheProcessCanReachAndNothingElse) {
  ASSERT_TRUE(a.claim(kTbf, {kProcessRam, kProcessRam + 0x1000}).is_ok());
  a.reset(0x101);
  EXPECT_EQ(a.brk(), kProcessRam + 0x104) << "rounded up to 4";
  EXPECT_EQ(*keel_test::board_memory(kProcessRam), 0);
  EXPECT_EQ(*keel_test::board_memory(kProcessRam + 0x103), 0);
  EXPECT_EQ(*keel_test::board_memory(kProcessRam + 0x104), 0x5a) << "beyond the break: untouched until handed out";
  a.reset(0xffffffffU);
  EXPECT_EQ(a.brk(), kProcessRam + 0x1000) << "an initial size larger than the block takes the block";
}

TEST_F(ProcessMemoryTest, BuffersLieWhollyInsideTheAccessibleRam) {
  ASSERT_TRUE(a.claim(kTbf, {kProcessRam, kProcessRam + 0x1000}).is_ok());
  a.reset(0x100);
  EXPECT_TRUE(a.ram(kProcessRam, 0x100).is_some());
  EXPECT_TRUE(a.ram(kProcessRam + 0xff, 2).is_none()) << "one byte past the break";
  EXPECT_TRUE(a.ram(kProcessRam + 8, 0xffffffffU).is_none()) << "a length that would wrap";
  EXPECT_TRUE(a.ram(kProcessRam - 1, 1).is_none());
  EXPECT_TRUE(a.ram(kAppFlash, 4).is_none()) << "flash is not writable";
  EXPECT_TRUE(a.readable(kAppFlash, 4).is_some()) << "but readable";
  EXPECT_TRUE(a.readable(kTbf.end, 1).is_none());
}

TEST_F(ProcessMemoryTest, TheBreakStaysBetweenItsFloorAndTheGrantRegion) {
  ASSERT_TRUE(a.claim(kTbf, {kProcessRam, kProcessRam + 0x1000}).is_ok());
  a.reset(0x100);
  EXPECT_EQ(a.set_brk(kProcessRam + 0x1001, 0).error(), ErrorCode::NoMem) << "past the block";
  EXPECT_EQ(a.set_brk(kProcessRam - 4, 0).error(), ErrorCode::NoMem) << "below mem_start";
  EXPECT_EQ(a.set_brk(kProcessRam + 0x10, kProcessRam + 0x20).error(), ErrorCode::NoMem) << "below the floor";
  *keel_test::board_memory(kProcessRam + 0x200) = 7;
  ASSERT_TRUE(a.set_brk(kProcessRam + 0x300, 0).is_ok());
  EXPECT_EQ(*keel_test::board_memory(kProcessRam + 0x200), 0) << "memory handed out again reads as zero";
  keel::ProtectionRegions const regions = a.regions();
  EXPECT_EQ(regions.ram().start, kProcessRam);
  EXPECT_EQ(regions.ram().end, kProcessRam + 0x300);
  EXPECT_EQ(regions.flash().start, kTbf.start);
  EXPECT_EQ(regions.flash().end, kTbf.end);
}

// Escape 303: a loader that claims a TBF over its neighbour's would have the PMP show one process the other's code
// and constants, and readable() hand a capsule its bytes; claims keep TBFs apart as they keep RAM apart.
TEST_F(ProcessMemoryTest, RefusesFlashOverlappingAnyEarlierClaim) {
  ASSERT_TRUE(a.claim({kTbf.start, kTbf.end + 0xC00}, {kProcessRam, kProcessRam + 0x1000}).is_ok())
      << "a TBF rounded out to 4 KiB";
  EXPECT_EQ(claim_error(b, tbf(1), {kProcessRam + 0x1000, kProcessRam + 0x2000}), ErrorCode::Inval)
      << "the next TBF lies in the rounded one";
  EXPECT_EQ(claim_error(b, {kTbf.start - 0x400, kTbf.start + 4}, {kProcessRam + 0x1000, kProcessRam + 0x2000}),
            ErrorCode::Inval)
      << "one word of it";
  EXPECT_TRUE(b.claim(tbf(4), {kProcessRam + 0x1000, kProcessRam + 0x2000}).is_ok()) << "adjacent is fine";
  EXPECT_TRUE(b.readable(tbf(1).start, 4).is_none()) << "and the other's flash is not its own";
  a.release();
  ProcessMemory c;
  EXPECT_EQ(claim_error(c, tbf(1), {kProcessRam + 0x2000, kProcessRam + 0x3000}), ErrorCode::Inval)
      << "TBF claims are never given back either";
}

TEST_F(ProcessMemoryTest, TheClaimTableHasABound) {
  ProcessMemory more[ProcessMemory::kMaxClaims];
  keel::usize claimed = 0;
  for (ProcessMemory& m : more) {
    uint32_t const start = kProcessRam + 0x2000 + static_cast<uint32_t>(claimed) * 0x200;
    if (m.claim(tbf(1 + static_cast<uint32_t>(claimed)), {start, start + 0x200}).is_ok()) { ++claimed; }
  }
  EXPECT_EQ(claimed, ProcessMemory::kMaxClaims);
  EXPECT_EQ(claim_error(a, tbf(40), {kProcessRam, kProcessRam + 0x100}), ErrorCode::NoMem);
  for (ProcessMemory& m : more) { m.release(); }
}

}  // namespace

namespace {

TEST_F(ProcessMemoryTest, ClaimsOutliveTheirHolderSafely) {
  // The claims table keeps ranges, not the objects that claimed them: one that has gone (a probe on the stack)
  // leaves nothing dangling behind (ASan would report a read of its dead frame), only its range taken.
  {
    ProcessMemory probe;
    ASSERT_TRUE(probe.claim(kTbf, {kProcessRam, kProcessRam + 0x1000}).is_ok());
  }
  EXPECT_EQ(claim_error(a, tbf(1), {kProcessRam + 0x800, kProcessRam + 0x1800}), ErrorCode::Inval);
  EXPECT_TRUE(a.claim(tbf(1), {kProcessRam + 0x1000, kProcessRam + 0x2000}).is_ok());
}

}  // namespace

namespace {

TEST_F(ProcessMemoryTest, AFrameFitsOnlyInRamTheProcessOnceReached) {
  ASSERT_TRUE(a.claim(kTbf, {kProcessRam, kProcessRam + 0x1000}).is_ok());
  EXPECT_FALSE(a.holds_frame(kProcessRam)) << "nothing exposed yet";
  a.reset(0x100);
  EXPECT_TRUE(a.holds_frame(kProcessRam));
  EXPECT_TRUE(a.holds_frame(kProcessRam + 0x100 - 32)) << "the last frame that ends at the break";
  EXPECT_FALSE(a.holds_frame(kProcessRam + 0x100 - 28)) << "one that would pass it";
  EXPECT_FALSE(a.holds_frame(kProcessRam + 2)) << "unaligned";
  EXPECT_FALSE(a.holds_frame(kProcessRam - 32)) << "below the block";
  EXPECT_FALSE(a.holds_frame(0xFFFF'FFF0U)) << "far away (the offset wraps)";
  ASSERT_TRUE(a.set_brk(kProcessRam + 0x40, 0).is_ok());
  EXPECT_TRUE(a.holds_frame(kProcessRam + 0x100 - 32)) << "the break came down, but that RAM was once reached";
  EXPECT_FALSE(a.holds_frame(kProcessRam + 0x1000 - 32)) << "the grant region never is";
}

}  // namespace

namespace {

// The rv32 check (arch/rv32/keel_arch/protection_check.h) ProcessMemory makes of a window the untrusted rules
// computed: a TOR pair reaches [start & ~3, end & ~3), so only word-aligned pairs inside the buffer pass.
TEST(PmpCheck, AWindowReachesOnlyTheSharedBuffer) {
  constexpr auto window_ok = keel::arch::ProtectionCheck::window_ok;
  EXPECT_TRUE(window_ok({0x8000'1000U, 0x8000'1040U}, 0x8000'1000U, 0x8000'1040U));
  EXPECT_TRUE(window_ok(keel::arch::ProtectionRules::window(0x8000'1000U, 64), 0x8000'1000U, 0x8000'1040U));
  EXPECT_FALSE(window_ok({0x8000'1000U, 0x8000'1044U}, 0x8000'1000U, 0x8000'1040U)) << "a word past the buffer";
  EXPECT_FALSE(window_ok({0x8000'0FFCU, 0x8000'1040U}, 0x8000'1000U, 0x8000'1040U)) << "a word before it";
  EXPECT_FALSE(window_ok({0x8000'1002U, 0x8000'1040U}, 0x8000'1000U, 0x8000'1040U)) << "not word aligned";
  EXPECT_FALSE(window_ok({}, 0x8000'1000U, 0x8000'1040U)) << "an empty window (on QEMU 7.2 it matches everything)";
}

}  // namespace

namespace {

// Escape 301: which regions the PMP holds is the trusted entry's business. ProcessEntry::enter programs the entering
// process's regions exactly when they are not the ones programmed last, or they changed since (break, window, restart,
// release): no process runs with another's regions or a closed window, whatever the kernel did in between.
TEST_F(ProcessMemoryTest, EntryProgramsExactlyWhenTheRegionsChanged) {
  // Each memory's own registers (escape 450: a frame runs with one claim's regions only).
  keel::arch::TrapFrame frame_a{};
  keel::arch::TrapFrame frame_b{};
  fake_cpu::entries_allowed = 1000;
  fake_cpu::entries = 0;
  int expected = fake_cpu::protect_calls;
  auto enter = [&](ProcessMemory const& memory, bool programs, char const* why) {
    keel::arch::ProcessEntry::enter(&memory == &a ? frame_a : frame_b, memory);
    if (programs) { ++expected; }
    EXPECT_EQ(fake_cpu::protect_calls, expected) << why;
    EXPECT_TRUE(fake_cpu::last_protected == memory.regions()) << why << ": the PMP holds the entering process's regions";
  };
  ASSERT_TRUE(a.claim(kTbf, {kProcessRam, kProcessRam + 0x1000}).is_ok());
  ASSERT_TRUE(b.claim(tbf(1), {kProcessRam + 0x1000, kProcessRam + 0x2000}).is_ok());
  a.reset(0x100);
  b.reset(0x100);
  enter(a, true, "first entry");
  enter(a, false, "nothing changed");
  enter(b, true, "another process");
  enter(b, false, "nothing changed");
  enter(a, true, "back to the first");
  ASSERT_TRUE(a.set_brk(kProcessRam + 0x200, 0).is_ok());
  enter(a, true, "its break moved");
  ASSERT_TRUE(b.set_brk(kProcessRam + 0x1200, 0).is_ok());
  enter(a, false, "only another process's break moved");
  ASSERT_TRUE(a.open_window(0, b, kProcessRam + 0x1000, 64).is_ok());
  enter(a, true, "a window opened");
  EXPECT_FALSE(fake_cpu::last_protected.window(0) == keel::arch::Window{});
  a.close_window(0);
  enter(a, true, "the window closed while this process ran (its owner ended)");
  EXPECT_TRUE(fake_cpu::last_protected.window(0) == keel::arch::Window{});
  ASSERT_TRUE(a.open_window(0, b, kProcessRam + 0x1000, 64).is_ok());
  enter(b, true, "another process");
  a.close_window(0);
  enter(a, true, "its window closed while another ran");
  ASSERT_TRUE(a.open_window(1, b, kProcessRam + 0x1040, 64).is_ok());
  enter(a, true, "a window opened");
  a.reset(0x100);
  enter(a, true, "restarted with the same break: its windows are gone");
  EXPECT_TRUE(fake_cpu::last_protected.window(1) == keel::arch::Window{});
  a.release();
  EXPECT_THROW(keel::arch::ProcessEntry::enter(frame_a, a), keel_test::KernelPanic)
      << "released: its registers run no more, with nothing accessible or anything else";
  ProcessMemory unclaimed;
  keel::arch::TrapFrame frame_unclaimed{};
  EXPECT_THROW(keel::arch::ProcessEntry::enter(frame_unclaimed, unclaimed), keel_test::KernelPanic)
      << "no claim: no registers run with it";
  EXPECT_EQ(unclaimed.open_window(0, b, kProcessRam + 0x1000, 64).error(), ErrorCode::Inval)
      << "a window needs a claim: every unclaimed ProcessMemory has the same (empty) regions";
  fake_cpu::entries_allowed = 0;
  fake_cpu::entries = 0;
}

// Escape 450: the (untrusted) kernel hands ProcessEntry the registers and the memory as two arguments. The first
// entry after a claim binds that claim to the registers it entered, for good: entering them with another process's
// memory, another frame with this one's, or any registers with a memory without a claim panics, and resume runs only
// the registers bound to the regions loaded.
TEST_F(ProcessMemoryTest, RegistersRunOnlyWithTheMemoryTheyFirstEntered) {
  keel::arch::TrapFrame frame_a{};
  keel::arch::TrapFrame frame_b{};
  fake_cpu::entries_allowed = 1000;
  fake_cpu::entries = 0;
  ASSERT_TRUE(a.claim(kTbf, {kProcessRam, kProcessRam + 0x1000}).is_ok());
  ASSERT_TRUE(b.claim(tbf(1), {kProcessRam + 0x1000, kProcessRam + 0x2000}).is_ok());
  a.reset(0x100);
  b.reset(0x100);
  keel::arch::ProcessEntry::enter(frame_a, a);
  EXPECT_TRUE(fake_cpu::last_protected == a.regions());
  EXPECT_THROW(keel::arch::ProcessEntry::enter(frame_a, b), keel_test::KernelPanic)
      << "a's registers with b's memory, before b ever ran";
  EXPECT_TRUE(fake_cpu::last_protected == a.regions()) << "nothing programmed for the refused pairing";
  keel::arch::ProcessEntry::enter(frame_b, b);
  EXPECT_THROW(keel::arch::ProcessEntry::enter(frame_b, a), keel_test::KernelPanic) << "b's registers with a's memory";
  EXPECT_THROW(keel::arch::ProcessEntry::enter(frame_a, b), keel_test::KernelPanic) << "a's registers with b's memory";
  keel::arch::TrapFrame copy = frame_a;
  EXPECT_THROW(keel::arch::ProcessEntry::enter(copy, a), keel_test::KernelPanic) << "a copy of a's registers";
  EXPECT_FALSE(keel::arch::ProcessEntry::resume(frame_a)) << "b's regions are loaded: a's registers do not resume";
  EXPECT_TRUE(keel::arch::ProcessEntry::resume(frame_b));
  a.reset(0x200);
  keel::arch::ProcessEntry::enter(frame_a, a);  // a restart keeps the claim, and its registers
  EXPECT_TRUE(fake_cpu::last_protected == a.regions());
  fake_cpu::entries_allowed = 0;
  fake_cpu::entries = 0;
}

}  // namespace

namespace {

// Escape 302: the exposed end the (untrusted) rules round the break to need not grow with it. set_brk zeroes what the
// end newly passes even when the break comes down, not only what lies above the old break when it grows.
TEST_F(ProcessMemoryTest, ExposureGrowingAsTheBreakComesDownIsZeroed) {
  constexpr uint32_t end = kProcessRam + 0x4000;
  // The attempt's rule: the break from end - 2996 (exposed to there) down to end - 3000, exposed to end - 2048.
  EXPECT_EQ(ProcessMemory::newly_exposed(end - 2996, end - 3000, end - 2996, end - 2048),
            (AddressRange{end - 2996, end - 2048}));
  EXPECT_EQ(ProcessMemory::newly_exposed(kProcessRam + 0x100, kProcessRam + 0x200, kProcessRam + 0x104,
                                         kProcessRam + 0x200),
            (AddressRange{kProcessRam + 0x100, kProcessRam + 0x200}))
      << "a growing break: from the old break, the hardware's rounding included";
  AddressRange const nothing =
      ProcessMemory::newly_exposed(kProcessRam + 0x200, kProcessRam + 0x100, kProcessRam + 0x200, kProcessRam + 0x100);
  EXPECT_EQ(nothing.start, nothing.end) << "the end comes down with the break: nothing new";
  // Through set_brk (with the real rules): what the break gives back and takes again reads as zero.
  ASSERT_TRUE(a.claim(kTbf, {kProcessRam, kProcessRam + 0x1000}).is_ok());
  a.reset(0x200);
  std::memset(keel_test::board_memory(kProcessRam + 0x100), 0xA5, 0x100);
  ASSERT_TRUE(a.set_brk(kProcessRam + 0x100, 0).is_ok());
  ASSERT_TRUE(a.set_brk(kProcessRam + 0x200, 0).is_ok());
  for (uint32_t offset = 0x100; offset < 0x200; ++offset) {
    ASSERT_EQ(*keel_test::board_memory(kProcessRam + offset), 0) << offset;
  }
}

}  // namespace
