// IPC (capsules/ipc.h) through the system-call layer, with two real processes: "client" (index 0) and "service"
// (index 1). Covers discovery, notifications held until a subscription, the bounds, and the sharing windows: opened
// on delivery, closed when the client re-allows, exits or restarts.
#include "capsules/ipc.h"

#include <gtest/gtest.h>

#include "../kernel_fixture.h"

namespace {

using namespace keel_test;
using keel::ErrorCode;
using keel::capsules::IpcDriver;

constexpr uint32_t kSuccess = 128;
constexpr uint32_t kSuccessU32 = 129;
constexpr uint32_t kFailure = 0;
constexpr uint32_t kDriver = IpcDriver::kDriverNumber;
constexpr uint32_t kClient = 0;
constexpr uint32_t kService = 1;
constexpr uint32_t kSubscribe = 1;
constexpr uint32_t kCommand = 2;
constexpr uint32_t kAllowReadWrite = 3;
constexpr uint32_t kAllowReadOnly = 4;
constexpr uint32_t kExit = 6;

class IpcTest : public KernelTest {
 protected:
  IpcTest() {
    platform.drivers[kDriver] = &ipc;
    install_pair("client", "service");
    load();
  }
  uint32_t ram(size_t index, uint32_t offset) { return process(index).memory().mem_start() + offset; }
  /// The service's callback function: any address in its flash.
  uint32_t service_function() { return process(kService).memory().flash_start() + 0x100; }
  uint32_t client_function() { return process(kClient).memory().flash_start() + 0x100; }
  void share(uint32_t address, uint32_t length) {
    auto r = syscall(kClient, kAllowReadWrite, kDriver, kService, address, length);
    ASSERT_EQ(r[0], 130U) << "allow answered " << r[1];
  }
  std::array<uint32_t, 4> notify_service() { return syscall(kClient, kCommand, kDriver, 2, kService); }
  void subscribe_service() {
    auto r = syscall(kService, kSubscribe, kDriver, kService, service_function(), 0);
    ASSERT_EQ(r[0], 130U);
  }
  /// The arguments of the service's queued upcalls for IPC, oldest first.
  std::vector<std::array<uint32_t, 3>> service_upcalls() {
    std::vector<std::array<uint32_t, 3>> found;
    process(kService).upcalls().for_each([&](keel::PendingUpcall const& e) {
      if (e.id.driver == kDriver) { found.push_back({e.args[0], e.args[1], e.args[2]}); }
    });
    return found;
  }
  keel::arch::Window window(size_t index, size_t slot) {
    return process(index).protection_regions().window(slot);
  }

  IpcDriver ipc{static_ref(kernel)};
};

TEST_F(IpcTest, DiscoverFindsAProcessByPackageName) {
  static char const kName[] = "service";
  uint32_t const name = ram(kClient, 0x100);
  std::memcpy(board_memory(name), kName, 7);
  ASSERT_EQ(syscall(kClient, kAllowReadOnly, kDriver, 0, name, 7)[0], 130U);
  auto r = syscall(kClient, kCommand, kDriver, 1);
  EXPECT_EQ(r[0], kSuccessU32);
  EXPECT_EQ(r[1], kService);
  std::memcpy(board_memory(name), "servicx", 7);
  r = syscall(kClient, kCommand, kDriver, 1);
  EXPECT_EQ(r[0], kFailure);
  EXPECT_EQ(r[1], keel::to_number(ErrorCode::NoDevice));
  ASSERT_EQ(syscall(kClient, kAllowReadOnly, kDriver, 0, 0, 0)[0], 130U);
  r = syscall(kClient, kCommand, kDriver, 1);
  EXPECT_EQ(r[1], keel::to_number(ErrorCode::Inval)) << "no name allowed";
}

TEST_F(IpcTest, ANotificationBeforeTheServiceSubscribedIsHeldThenDeliveredWithTheSharedBuffer) {
  uint32_t const buffer = ram(kClient, 0x200);
  share(buffer, 64);
  EXPECT_EQ(notify_service()[0], kSuccess);
  EXPECT_TRUE(service_upcalls().empty()) << "nothing to deliver it to yet";
  EXPECT_EQ(window(kService, 0), keel::arch::Window{}) << "no access before delivery";
  subscribe_service();
  auto const upcalls = service_upcalls();
  ASSERT_EQ(upcalls.size(), 1U);
  EXPECT_EQ(upcalls[0], (std::array<uint32_t, 3>{kClient, 64, buffer})) << "(sender, length, address)";
  EXPECT_EQ(window(kService, 0), (keel::arch::Window{buffer, buffer + 64})) << "exactly the shared buffer";
  EXPECT_EQ(window(kClient, 0), keel::arch::Window{}) << "the client gains nothing";
}

TEST_F(IpcTest, ReAllowingTheBufferClosesTheServicesWindow) {
  subscribe_service();
  uint32_t const buffer = ram(kClient, 0x200);
  share(buffer, 64);
  ASSERT_EQ(notify_service()[0], kSuccess);
  ASSERT_EQ(window(kService, 0), (keel::arch::Window{buffer, buffer + 64}));
  share(0, 0);
  EXPECT_EQ(window(kService, 0), keel::arch::Window{}) << "revoked at the allow, before the client runs on";
  ASSERT_EQ(notify_service()[0], kSuccess);
  auto const upcalls = service_upcalls();
  ASSERT_EQ(upcalls.size(), 2U);
  EXPECT_EQ(upcalls[1], (std::array<uint32_t, 3>{kClient, 0, 0})) << "nothing shared any more";
  EXPECT_EQ(window(kService, 0), keel::arch::Window{});
}

TEST_F(IpcTest, TheClientsExitAndRestartCloseTheWindow) {
  subscribe_service();
  uint32_t const buffer = ram(kClient, 0x200);
  share(buffer, 64);
  ASSERT_EQ(notify_service()[0], kSuccess);
  ASSERT_NE(window(kService, 0), keel::arch::Window{});
  syscall(kClient, kExit, 1, 0);  // restart
  EXPECT_EQ(window(kService, 0), keel::arch::Window{}) << "restart";
  share(buffer, 64);
  ASSERT_EQ(notify_service()[0], kSuccess);
  ASSERT_NE(window(kService, 0), keel::arch::Window{});
  syscall(kClient, kExit, 0, 0);  // terminate
  EXPECT_EQ(window(kService, 0), keel::arch::Window{}) << "exit";
}

TEST_F(IpcTest, ABufferTheHardwareCannotFenceExactlyIsRefusedWithSize) {
  // The host suite links the RISC-V rules: TOR bounds are multiples of 4.
  auto r = syscall(kClient, kAllowReadWrite, kDriver, kService, ram(kClient, 0x202), 64);
  EXPECT_EQ(r[0], 2U);
  EXPECT_EQ(r[1], keel::to_number(ErrorCode::Size));
  r = syscall(kClient, kAllowReadWrite, kDriver, kService, ram(kClient, 0x200), 30);
  EXPECT_EQ(r[1], keel::to_number(ErrorCode::Size));
  r = syscall(kClient, kAllowReadWrite, kDriver, kService, ram(kService, 0x200), 64);
  EXPECT_EQ(r[1], keel::to_number(ErrorCode::Inval)) << "another process's memory";
}

TEST_F(IpcTest, HeldNotificationsAreBoundedAndAFullQueueAnswersNoMem) {
  for (int i = 0; i < IpcDriver::kMaxHeld; ++i) { ASSERT_EQ(notify_service()[0], kSuccess) << i; }
  auto r = notify_service();
  EXPECT_EQ(r[0], kFailure);
  EXPECT_EQ(r[1], keel::to_number(ErrorCode::NoMem)) << "beyond the bound the sender is told";
  subscribe_service();
  EXPECT_EQ(service_upcalls().size(), static_cast<size_t>(IpcDriver::kMaxHeld)) << "every held one delivered";
  size_t accepted = IpcDriver::kMaxHeld;
  while (notify_service()[0] == kSuccess) { ++accepted; }
  EXPECT_EQ(accepted, keel::UpcallQueue::kCapacity) << "until the service's upcall queue is full";
  EXPECT_EQ(service_upcalls().size(), accepted) << "nothing accepted was lost";
}

TEST_F(IpcTest, HeldNotificationsOfAnEndedRunAreDropped) {
  ASSERT_EQ(notify_service()[0], kSuccess);
  syscall(kClient, kExit, 1, 0);  // the client restarts: its earlier run's notification must not be delivered
  subscribe_service();
  EXPECT_TRUE(service_upcalls().empty());
}

TEST_F(IpcTest, TheServiceAnswersTheClientOnTheServicesSlot) {
  ASSERT_EQ(syscall(kClient, kSubscribe, kDriver, kService, client_function(), 0)[0], 130U);
  auto r = syscall(kService, kCommand, kDriver, 3, kClient);
  EXPECT_EQ(r[0], kSuccess);
  bool delivered = false;
  process(kClient).upcalls().for_each([&](keel::PendingUpcall const& e) {
    delivered = delivered || (e.id.driver == kDriver && e.id.subscribe_number == kService && e.args[0] == kService);
  });
  EXPECT_TRUE(delivered) << "the client's upcall for the service, with the service's index";
  EXPECT_EQ(syscall(kService, kCommand, kDriver, 3, kService)[1], keel::to_number(ErrorCode::Inval)) << "itself";
  EXPECT_EQ(syscall(kService, kCommand, kDriver, 3, 7)[1], keel::to_number(ErrorCode::Inval)) << "no process";
}

}  // namespace
