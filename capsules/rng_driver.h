// SPDX-License-Identifier: Apache-2.0
// RNG syscall driver (driver 0x40001): fills a process's buffer with random bytes. The top of the paper's Figure 1
// stack: entropy HIL -> RNG (capsules/rng/random_from_entropy.h) -> this driver.
//
// Processes are served in turn: each batch of random bytes is shared out among the processes waiting, starting one
// process further along the table each time, and no byte ever goes to two processes.
//
// Setup (board):
//   RngDriver& driver = KEEL_STATIC_INIT(RngDriver, kernel, rng);
//   rng.set_client(driver);
//   platform: driver number RngDriver::kDriverNumber -> driver
// Usage (process):
//   allow_readwrite(0x40001, 0, buffer, n); subscribe(0x40001, 0, done); command(0x40001, 1, n)
//   -> done(0, bytes_filled, 0), bytes_filled = min(n, allowed length)
#pragma once

#include "kernel/core/ref.h"
#include "kernel/core/cell.h"
#include "kernel/grant.h"
#include "kernel/hil/rng.h"
#include "kernel/syscall_driver.h"

namespace keel::capsules {

class RngDriver final : public SyscallDriver, public hil::rng::Client {
 public:
  static constexpr uint32_t kDriverNumber = 0x40001;

  /// Subscribe numbers.
  struct Upcall {
    /// The request is done: (0, bytes_filled, 0).
    static constexpr uint32_t kDone = 0;
    static constexpr uint32_t kCount = 1;
  };
  /// Read-write allow numbers.
  struct ReadWriteAllow {
    /// Where the random bytes go.
    static constexpr uint32_t kBuffer = 0;
    static constexpr uint32_t kCount = 1;
  };

  RngDriver(Kernel& kernel, StaticRef<hil::rng::Rng const> rng) : grant_(kernel, kDriverNumber), rng_(rng) {}
  RngDriver(RngDriver const&) = delete;
  RngDriver& operator=(RngDriver const&) = delete;

  /// 0 exists; 1 (n) asks for min(n, allowed length) bytes (a new request replaces this process's pending one):
  /// Success, or the generator's error (Off). Others: NoSupport.
  CommandReturn command(uint32_t command_number, uint32_t arg0, uint32_t arg1, ProcessId pid) const override;
  Option<GrantBase const&> grant() const override { return grant_; }

  /// Shares the batch out among waiting processes; More while any still waits.
  hil::rng::Continue randomness_available(Slice<uint8_t const> bytes, Result<void> status) const override;

 private:
  /// A process's request, in its grant.
  struct ProcessRequest {
    bool pending = false;
    uint32_t requested = 0;  // as asked; the allowed buffer's length caps it when bytes arrive
    uint32_t filled = 0;
  };

  /// Copies what the request still needs from `bytes` (from `used` on, advancing it), and tells the process when
  /// the request is complete. Returns whether it still waits.
  static bool fill(ProcessRequest& request, GrantKernelData const& data, Slice<uint8_t const> bytes, usize& used);
  static void finish(ProcessRequest& request, GrantKernelData const& data, uint32_t filled);

  Grant<ProcessRequest, Upcall::kCount, 0, ReadWriteAllow::kCount> grant_;
  StaticRef<hil::rng::Rng const> rng_;
  /// The generator is running (it was started and has not been told Done).
  Cell<bool> generating_{false};
  /// Process-table index served first in the next batch.
  Cell<uint32_t> first_served_{0};
};

}  // namespace keel::capsules
