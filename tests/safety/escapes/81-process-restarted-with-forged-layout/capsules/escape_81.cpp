// SPDX-License-Identifier: Apache-2.0
// "Grow my RAM": an app asks to be restarted with a larger RAM block.
#include "kernel/grant.h"
#include "kernel/syscall_driver.h"

namespace keel::capsules {

class Resizer81 final : public SyscallDriver {
 public:
  explicit Resizer81(Kernel& kernel) : grant_(kernel, 0x9000'0000U + 0x81) {}

  CommandReturn command(uint32_t command_number, uint32_t start, uint32_t size, ProcessId pid) const override {
    if (command_number == 0) { return CommandReturn::success(); }
    Result<void> const done = grant_.enter(pid, [&](State& /*state*/, GrantKernelData const& data) {
      Process& process = data.process();
      ProcessLayout const& old = process.layout();
      process.create(process.id().index, process.header(),
                     ProcessLayout{.flash_start = old.flash_start, .flash_end = old.flash_end, .mem_start = start,
                                   .mem_end = start + size});
      process.start(process.id().identifier + 1);
    });
    return done.is_ok() ? CommandReturn::success() : CommandReturn::failure(done.error());
  }
  Option<GrantBase const&> grant() const override { return grant_; }

 private:
  struct State {
    uint32_t resizes = 0;
  };
  Grant<State, 0, 0, 0> grant_;
};

}  // namespace keel::capsules
