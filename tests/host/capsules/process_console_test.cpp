// The process console against real processes: what a person types and what comes back, and what it does to them.
#include <gtest/gtest.h>

#include <string>

#include "capsule_fixture.h"
#include "capsules/process_console.h"

namespace {

using keel::ProcessState;
using keel::capsules::ProcessConsole;
using namespace keel_test;

class CountingReset final : public keel::hil::reset::SystemReset {
 public:
  void reset() const override { ++resets; }
  mutable int resets = 0;
};

constexpr uint32_t kListedDriver = 0x77;

/// A driver with a grant of one upcall and one allow of each kind; command 1 queues upcall 0 with (arg0, 0, 0).
class ListedDriver final : public keel::SyscallDriver {
 public:
  explicit ListedDriver(keel::Kernel& kernel) : grant_(kernel, kListedDriver) {}
  keel::CommandReturn command(uint32_t number, uint32_t arg0, uint32_t, keel::ProcessId pid) const override {
    if (number != 1) { return keel::CommandReturn::success(); }
    (void)grant_.enter(pid, [&](Empty&, keel::GrantKernelData const& data) { (void)data.schedule_upcall(0, arg0, 0, 0); });
    return keel::CommandReturn::success();
  }
  keel::Option<keel::GrantBase const&> grant() const override { return grant_; }

 private:
  struct Empty {};
  keel::Grant<Empty, 1, 1, 1> grant_;
};

class ProcessConsoleTest : public CapsuleTest {
 protected:
  ProcessConsoleTest() {
    load_processes(2);
    uart.set_receive_client(static_ref(console));
    ProcessConsole::start(static_ref(console));
    out.output.clear();
  }
  /// Types `keys` one byte at a time through the UART, as a person at the serial port does; returns what the console
  /// printed meanwhile.
  std::string type(std::string const& keys) {
    out.output.clear();
    for (char key : keys) { uart.receive_bytes(std::string(1, key)); }
    return out.output;
  }

  ListedDriver listed{kernel};
  FakeUart uart;
  FakeAlarm clock;
  CountingReset reset;
  uint8_t receive_storage[1] = {};
  ProcessConsole console{static_ref(kernel),
                         static_ref(platform),
                         static_ref(uart),
                         static_ref(out),
                         static_ref(clock),
                         static_ref(reset),
                         static_buffer(receive_storage),
                         keel::KernelMemory{4096, 8192, 0x10000}};
};

TEST_F(ProcessConsoleTest, EchoesWhatIsTypedAndAnswersAtEnterWithAPrompt) {
  EXPECT_EQ(type("he"), "he") << "echo";
  std::string const answer = type("lp\r");
  EXPECT_EQ(answer.rfind("lp\n", 0), 0U) << answer;
  EXPECT_NE(answer.find("process NAME"), std::string::npos) << answer;
  EXPECT_NE(answer.find("reboot"), std::string::npos) << answer;
  EXPECT_EQ(answer.substr(answer.size() - 6), "keel$ ") << "a prompt after the answer";
  EXPECT_EQ(type("\n"), "") << "the LF of a CR LF is part of the same Enter";
  EXPECT_EQ(type("\r"), "\nkeel$ ") << "an empty line: just the prompt";
}

TEST_F(ProcessConsoleTest, BackspaceAndDeleteEditTheLine) {
  std::string const answer = type("lsx\x7f\x08ist\r");
  EXPECT_NE(answer.find("\b \b\b \b"), std::string::npos) << "each erase is shown";
  EXPECT_NE(answer.find(" p0 "), std::string::npos) << "the edited line ran as `list`:\n" << answer;
  EXPECT_EQ(type("\x08\x08x\x7f\r"), "x\b \b\nkeel$ ") << "nothing to erase on an empty line";
}

TEST_F(ProcessConsoleTest, UnknownCommandsAndMissingNamesAreAnswered) {
  EXPECT_NE(type("frobnicate now\r").find("unknown command 'frobnicate': `help` lists the commands"), std::string::npos);
  EXPECT_NE(type("stop\r").find("stop: which process?"), std::string::npos);
  EXPECT_NE(type("stop nobody\r").find("no process named 'nobody'"), std::string::npos);
}

TEST_F(ProcessConsoleTest, ListShowsEveryProcessWithItsCounts) {
  syscall(0, 2, 0x4242, 0);  // one system call for p0
  std::string const answer = type("list\r");
  EXPECT_NE(answer.find(" p0 "), std::string::npos) << answer;
  EXPECT_NE(answer.find(" p1 "), std::string::npos) << answer;
  EXPECT_NE(answer.find("running"), std::string::npos) << answer;
  EXPECT_EQ(process(0).syscall_count(), 1U);
  EXPECT_NE(answer.find("state"), std::string::npos) << "a header line";
}

TEST_F(ProcessConsoleTest, StopKeepsAProcessFromRunningUntilStart) {
  EXPECT_NE(type("stop p1\r").find("process 'p1' stopped"), std::string::npos);
  EXPECT_EQ(process(1).state(), ProcessState::StoppedRunnable);
  EXPECT_FALSE(process(1).can_run()) << "the scheduler passes it by";
  EXPECT_TRUE(process(1).is_alive()) << "stopped, not ended";
  EXPECT_NE(type("list\r").find("stopped"), std::string::npos);
  EXPECT_NE(type("stop p1\r").find("nothing to do"), std::string::npos) << "already stopped";
  EXPECT_NE(type("start p1\r").find("process 'p1' resumed"), std::string::npos);
  EXPECT_EQ(process(1).state(), ProcessState::Runnable);
}

TEST_F(ProcessConsoleTest, StoppedWhileYieldedItResumesBlockedAndGetsTheUpcallQueuedMeanwhile) {
  syscall(0, 0, 1);  // p0 yield-waits
  type("stop p0\r");
  EXPECT_EQ(process(0).state(), ProcessState::StoppedYielded);
  type("start p0\r");
  EXPECT_EQ(process(0).state(), ProcessState::Yielded);
}

TEST_F(ProcessConsoleTest, ProcessShowsItsMemoryMapAndItsLastFault) {
  std::string answer = type("process p1\r");
  char mem_start[16];
  std::snprintf(mem_start, sizeof mem_start, "0x%08x", process(1).memory().mem_start());
  EXPECT_NE(answer.find(std::string("ram      ") + mem_start), std::string::npos) << answer;
  EXPECT_NE(answer.find("last fault: none"), std::string::npos) << answer;
  EXPECT_NE(answer.find("allowed buffers: none"), std::string::npos) << answer;
  EXPECT_NE(answer.find("pending upcalls: none"), std::string::npos) << answer;

  EXPECT_NE(type("fault p1\r").find("faulted: fault forced from the process console"), std::string::npos);
  answer = type("process p1\r");
  EXPECT_NE(answer.find("last fault (1 this boot): fault forced from the process console"), std::string::npos)
      << answer;
  EXPECT_EQ(process(1).restart_count(), 1U) << "the restart policy applied";
}

TEST_F(ProcessConsoleTest, ProcessListsAllowedBuffersAndPendingUpcalls) {
  platform.drivers[kListedDriver] = &listed;
  allow_readonly(0, kListedDriver, 0, "hello");
  allow_readwrite(0, kListedDriver, 0, 12, 0x40);
  command(0, kListedDriver, 1, 7);  // queues upcall 0 with (7, 0, 0): p0 is not waiting, so it stays queued
  std::string const answer = type("process p0\r");
  char read_only[64];
  std::snprintf(read_only, sizeof read_only, "driver 0x00000077 read-only 0: 0x%08x, 5 B", buffer_address(0));
  EXPECT_NE(answer.find(read_only), std::string::npos) << answer;
  char read_write[64];
  std::snprintf(read_write, sizeof read_write, "driver 0x00000077 read-write 0: 0x%08x, 12 B", buffer_address(0, 0x40));
  EXPECT_NE(answer.find(read_write), std::string::npos) << answer;
  EXPECT_NE(answer.find("driver 0x00000077 upcall 0 (no function: for yield-wait-for) (0x00000007"),
            std::string::npos) << answer;
  EXPECT_NE(answer.find("in 1 grant(s)"), std::string::npos) << answer;
  EXPECT_EQ(type("process p1\r").find("driver 0x00000077"), std::string::npos) << "p1 has no grant: nothing listed";
}

TEST_F(ProcessConsoleTest, TerminateEndsAProcessAndRestartBringsItBack) {
  EXPECT_NE(type("terminate p0\r").find("process 'p0' terminated"), std::string::npos);
  EXPECT_EQ(process(0).state(), ProcessState::Terminated);
  EXPECT_NE(type("terminate p0\r").find("nothing to do"), std::string::npos);
  EXPECT_NE(type("restart p0\r").find("restarting 'p0'"), std::string::npos);
  EXPECT_EQ(process(0).state(), ProcessState::Runnable);
}

TEST_F(ProcessConsoleTest, StatusKernelAndReboot) {
  type("stop p1\r");
  std::string answer = type("status\r");
  EXPECT_NE(answer.find("processes: 2 (1 ready, 0 blocked in yield, 1 stopped, 0 ended)"), std::string::npos)
      << answer;
  EXPECT_NE(answer.find("uptime: "), std::string::npos) << answer;
  answer = type("kernel\r");
  EXPECT_NE(answer.find("kernel RAM: 4,096 B data and bss"), std::string::npos) << answer;
  EXPECT_NE(answer.find("process table: 2 of 8 slots"), std::string::npos) << answer;
  answer = type("reboot\r");
  EXPECT_NE(answer.find("rebooting"), std::string::npos);
  EXPECT_EQ(reset.resets, 0) << "not before the answer is out (a deferred call)";
  keel::DeferredCall::service_pending();
  EXPECT_EQ(reset.resets, 1);
  EXPECT_NE(out.output.find("reset request was ignored"), std::string::npos) << "the fake reset returns";
}

TEST_F(ProcessConsoleTest, UptimeCountsClockWrapsTheConsoleSaw) {
  clock.set_now(32768U * 3U + 16384U);  // 3.5 s at 32768 Hz
  EXPECT_NE(type("status\r").find("uptime: 3.500 s"), std::string::npos) << out.output;
  clock.set_now(10);  // the 32-bit clock wrapped: 2^32 / 32768 = 131072 s
  EXPECT_NE(type("status\r").find("uptime: 131072.000 s"), std::string::npos) << out.output;
}

}  // namespace
