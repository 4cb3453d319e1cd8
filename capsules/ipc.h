// SPDX-License-Identifier: Apache-2.0
// Inter-process communication (driver 0x10000), Tock's system calls so that upstream services and clients run
// unchanged, with three of Tock's holes closed (docs/ipc.md):
//   - nothing lost: a notification for a process that has not subscribed yet (a service that has not started, or
//     a client that has not registered its callback) is held, up to kMaxHeld per sender, and delivered when it
//     subscribes; one that finds the receiver's upcall queue full is refused with NOMEM, so the sender knows;
//   - nothing forged: the receiver learns the sender's index from the kernel; a held notification remembers which
//     run of the sender made it and is dropped if that process has ended or restarted since;
//   - sound sharing: a shared buffer is reachable by the receiver (an MPU/PMP window, Kernel::
//     share_read_write_allow) from the notification that shares it until the sender replaces that allow, exits,
//     faults or restarts; it must be a buffer the hardware fences exactly (allow answers SIZE otherwise).
//
// ABI (Tock 2.x):
//   read-only allow 0: a package name; command 1 -> Success(u32 index of the process with that name) or NODEVICE.
//   subscribe N: events about process N. A service subscribes its own index (from discovering its own name) for
//     its clients' notifications; a client subscribes the service's index for the service's.
//   read-write allow N: the buffer shared with process N.
//   command 2 (N): notify service N; command 3 (N): notify client N. The receiver's upcall gets
//     (sender index, shared length, shared address): the sender's read-write allow N, or (0, 0).
//
// Setup (board):
//   IpcDriver& ipc = KEEL_STATIC_INIT(IpcDriver, kernel);   platform: IpcDriver::kDriverNumber -> ipc
#pragma once

#include "kernel/core/array.h"
#include "kernel/core/ref.h"
#include "kernel/grant.h"
#include "kernel/syscall_driver.h"

namespace keel::capsules {

class IpcDriver final : public SyscallDriver {
 public:
  static constexpr uint32_t kDriverNumber = 0x10000;
  static constexpr uint32_t kProcesses = static_cast<uint32_t>(Kernel::kMaxProcesses);
  /// Notifications held per sender and kind for a receiver that has not subscribed yet.
  static constexpr uint8_t kMaxHeld = 4;

  struct Command {
    static constexpr uint32_t kDiscover = 1;
    static constexpr uint32_t kNotifyService = 2;
    static constexpr uint32_t kNotifyClient = 3;
  };
  struct ReadOnlyAllow {
    static constexpr uint32_t kSearch = 0;
  };

  explicit IpcDriver(StaticRef<Kernel> kernel) : kernel_(kernel), grant_(kernel.get(), kDriverNumber) {}
  IpcDriver(IpcDriver const&) = delete;
  IpcDriver& operator=(IpcDriver const&) = delete;

  CommandReturn command(uint32_t command_number, uint32_t arg0, uint32_t arg1, ProcessId pid) const override;
  Option<GrantBase const&> grant() const override { return grant_; }
  bool shares_read_write_allows() const override { return true; }
  /// Delivers what was held for this subscription.
  void subscribed(ProcessId pid, uint32_t number) const override;

 private:
  enum class Kind : uint8_t { Service, Client };

  /// What a receiver holds from one sender (its table index), in the receiver's grant.
  struct Held {
    uint32_t sender_identifier = 0;  // the run of the sender that made them
    uint8_t service = 0;             // notifications for the receiver as a service (upcall = receiver's index)
    uint8_t client = 0;              // for the receiver as a client (upcall = the sender's index)
  };
  struct Receiver {
    Array<Held, kProcesses> held{};
  };

  CommandReturn discover(ProcessId pid) const;
  CommandReturn notify(ProcessId sender, uint32_t receiver_index, Kind kind) const;
  /// Queues one notification from `sender` in `receiver`'s upcall `number` (its buffer shared first). NoMem: the
  /// receiver's upcall queue is full.
  Result<void> deliver(Process& receiver, Process& sender, uint32_t number, GrantKernelData const& data) const;

  StaticRef<Kernel> kernel_;
  Grant<Receiver, kProcesses, 1, kProcesses> grant_;
};

}  // namespace keel::capsules
