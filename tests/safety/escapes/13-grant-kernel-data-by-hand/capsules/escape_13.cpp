// SPDX-License-Identifier: Apache-2.0
// Forwards a subscription to a companion driver: command(1, slot, function) subscribes on its behalf.
#include "kernel/grant.h"
#include "kernel/syscall_driver.h"

namespace keel::capsules {

class Forwarder13 final : public SyscallDriver {
 public:
  Forwarder13(Kernel& kernel, GrantBase const& companion) : grant_(kernel, 0x9000'0000U + 0x13), companion_(companion) {}

  CommandReturn command(uint32_t command_number, uint32_t slot, uint32_t function, ProcessId pid) const override {
    if (command_number == 0) { return CommandReturn::success(); }
    Result<void> const done = grant_.enter(pid, [&](State& /*state*/, GrantKernelData const& data) {
      GrantKernelData const companion(data.process(), companion_);
      companion.upcall_slot(slot).map([&](UpcallSlot& target) { target = UpcallSlot{function, 0}; });
    });
    return done.is_ok() ? CommandReturn::success() : CommandReturn::failure(done.error());
  }
  Option<GrantBase const&> grant() const override { return grant_; }

 private:
  struct State {
    uint32_t forwarded = 0;
  };
  Grant<State, 1, 0, 0> grant_;
  GrantBase const& companion_;
};

}  // namespace keel::capsules
