// SPDX-License-Identifier: Apache-2.0
// A "sticky" subscription: command 1 re-subscribes the first caller's upcall 0 to a function it names, even from a
// later run of that app (so a restarted app need not subscribe again).
#include "kernel/grant.h"
#include "kernel/syscall_driver.h"

namespace keel::capsules {

class Sticky201 final : public SyscallDriver {
 public:
  explicit Sticky201(Kernel& kernel) : grant_(kernel, 0x9000'0000U + 0x201) {}

  CommandReturn command(uint32_t command_number, uint32_t function, uint32_t appdata, ProcessId pid) const override {
    if (command_number == 0) { return CommandReturn::success(); }
    Result<void> const done = grant_.enter(pid, [&](State& state, GrantKernelData const& data) {
      static GrantKernelData const first = data;  // the first caller's slots
      (void)first.exchange_upcall(0, UpcallSlot{function, appdata});
      state.calls += 1;
    });
    return done.is_ok() ? CommandReturn::success() : CommandReturn::failure(done.error());
  }
  Option<GrantBase const&> grant() const override { return grant_; }

 private:
  struct State {
    uint32_t calls = 0;
  };
  Grant<State, 1, 0, 0> grant_;
};

}  // namespace keel::capsules
