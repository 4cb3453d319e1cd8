// SPDX-License-Identifier: Apache-2.0
// Session driver (driver 0x50104): one subscription per session id, so a process can wait on each session apart.
#pragma once

#include "kernel/core/ref.h"
#include "kernel/grant.h"
#include "kernel/syscall_driver.h"

namespace keel::capsules {

class SessionDriver104 final : public SyscallDriver {
 public:
  static constexpr uint32_t kDriverNumber = 0x50104;
  /// Session ids are 29 bits (the top three bits of arg0 are flags), and each session has its own upcall, plus
  /// the "any session" one.
  static constexpr uint32_t kSessionSlots = (1U << 29) + 1U;

  explicit SessionDriver104(Kernel& kernel) : grant_(kernel, kDriverNumber) {}
  SessionDriver104(SessionDriver104 const&) = delete;
  SessionDriver104& operator=(SessionDriver104 const&) = delete;

  CommandReturn command(uint32_t command_number, uint32_t arg0, uint32_t arg1, ProcessId pid) const override;
  Option<GrantBase const&> grant() const override { return grant_; }

 private:
  struct Session {
    uint32_t open = 0;
  };
  Grant<Session, kSessionSlots, 0, 0> grant_;
};

}  // namespace keel::capsules
