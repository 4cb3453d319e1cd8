// SPDX-License-Identifier: Apache-2.0
// Low-level debug syscall driver (driver 0x8): a process prints an alert code or one or two numbers on the kernel's
// debug output with a single command, no allow and no subscribe: the tool for bringing up a new app or board.
//
// Setup (board):
//   LowLevelDebug& debug = KEEL_STATIC_INIT(LowLevelDebug, debug_writer);
//   platform: driver number LowLevelDebug::kDriverNumber -> debug
// Usage (process), each printing one line (ids and values in hex, without leading zeros):
//   command(0x8, 1, code)  ->  "LowLevelDebug: App 0x<id> alert code 0x<code>"
//   command(0x8, 2, a)     ->  "LowLevelDebug: App 0x<id> prints 0x<a>"
//   command(0x8, 3, a, b)  ->  "LowLevelDebug: App 0x<id> prints 0x<a> 0x<b>"
// <id> is the process's run identifier (ProcessId::identifier), which changes when the process restarts.
#pragma once

#include "kernel/core/ref.h"
#include "kernel/syscall_driver.h"
#include "kernel/writer.h"

namespace keel::capsules {

class LowLevelDebug final : public SyscallDriver {
 public:
  static constexpr uint32_t kDriverNumber = 0x8;

  explicit LowLevelDebug(StaticRef<Writer const> out) : out_(out) {}
  LowLevelDebug(LowLevelDebug const&) = delete;
  LowLevelDebug& operator=(LowLevelDebug const&) = delete;

  /// 0 exists; 1 alert code; 2 one value; 3 two values; all Success (output that does not fit in the debug
  /// writer's buffer is dropped and counted there). Others: NoSupport.
  CommandReturn command(uint32_t command_number, uint32_t arg0, uint32_t arg1, ProcessId pid) const override;
  /// Needs no per-process state.
  Option<GrantBase const&> grant() const override { return none; }

 private:
  StaticRef<Writer const> out_;
};

}  // namespace keel::capsules
