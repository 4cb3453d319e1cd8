// SPDX-License-Identifier: Apache-2.0
// Grant compaction: a process that moved its grant block tells the driver where it is now.
#include "kernel/grant.h"
#include "kernel/syscall_driver.h"

namespace keel::capsules {

class Relocator14 final : public SyscallDriver {
 public:
  explicit Relocator14(Kernel& kernel) : grant_(kernel, 0x9000'0000U + 0x14) {}

  CommandReturn command(uint32_t command_number, uint32_t grant_number, uint32_t address, ProcessId pid) const override {
    if (command_number == 0) { return CommandReturn::success(); }
    Result<void> const done = grant_.enter(pid, [&](State& state, GrantKernelData const& data) {
      data.process().grant_entry(grant_number).address = address;
      state.moves += 1;
    });
    return done.is_ok() ? CommandReturn::success() : CommandReturn::failure(done.error());
  }
  Option<GrantBase const&> grant() const override { return grant_; }

 private:
  struct State {
    uint32_t moves = 0;
  };
  Grant<State, 0, 0, 0> grant_;
};

}  // namespace keel::capsules
