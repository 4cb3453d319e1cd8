// SPDX-License-Identifier: Apache-2.0
// SyscallDriver: what a capsule offers to processes. Commands go to `command`; subscribe and allow are handled by
// the kernel, which stores them in the driver's grant, so a capsule only reads them (GrantKernelData).
#pragma once

#include "kernel/core/option.h"
#include "kernel/grant.h"
#include "kernel/process_id.h"
#include "kernel/syscall.h"

namespace keel {

class SyscallDriver {
 public:
  /// Command 0 must answer Success ("driver exists"); unknown commands answer Failure(NoSupport).
  virtual CommandReturn command(uint32_t command_number, uint32_t arg0, uint32_t arg1, ProcessId pid) const = 0;
  /// The grant that holds this driver's subscriptions and allowed buffers; none if it takes neither.
  virtual Option<GrantBase const&> grant() const = 0;
  /// Whether the driver lends read-write allowed buffers to other processes (IPC, through Kernel::
  /// share_read_write_allow). Such an allow must be a buffer the MPU/PMP can fence exactly (else Size), and
  /// replacing it (a new allow, or length 0) closes every other process's window onto the old one first.
  virtual bool shares_read_write_allows() const { return false; }
  /// The process subscribed upcall `number` (after the kernel stored it): a driver that held events back until
  /// there was a function to deliver them to can queue them now.
  virtual void subscribed(ProcessId /*pid*/, uint32_t /*number*/) const {}

 protected:
  ~SyscallDriver() = default;
};

/// The board's part of the kernel loop: which driver answers which number, and what to do when no process is left.
class Platform {
 public:
  virtual Option<SyscallDriver const&> driver(uint32_t driver_number) const = 0;
  /// The board's drivers one by one (index 0, 1, ... until none), for listings such as the process console's.
  virtual Option<SyscallDriver const&> driver_at(usize index) const = 0;
  /// Every process has ended (exited, or stopped by the restart policy): called each time the kernel would sleep
  /// with no process left, after the kernel printed "keel: all processes have ended" once.
  virtual void all_processes_ended() const = 0;

 protected:
  ~Platform() = default;
};

}  // namespace keel
