// SPDX-License-Identifier: Apache-2.0
// Sample logger: an app allows a buffer once; every alarm appends one sample to it.
#include "kernel/core/cell.h"
#include "kernel/grant.h"
#include "kernel/hil/time.h"
#include "kernel/syscall_driver.h"

namespace keel::capsules {

class SampleLog34 final : public SyscallDriver, public hil::time::AlarmClient {
 public:
  explicit SampleLog34(Kernel& kernel) : grant_(kernel, 0x9000'0000U + 0x34) {}

  CommandReturn command(uint32_t command_number, uint32_t /*arg0*/, uint32_t /*arg1*/, ProcessId pid) const override {
    if (command_number == 0) { return CommandReturn::success(); }
    Result<void> const done = grant_.enter(pid, [&](State& /*state*/, GrantKernelData const& data) {
      log_.set(data.read_write_buffer(0).bytes());
      position_.set(0);
    });
    return done.is_ok() ? CommandReturn::success() : CommandReturn::failure(done.error());
  }
  Option<GrantBase const&> grant() const override { return grant_; }

  void alarm_fired() const override {
    Slice<uint8_t> const log = log_.get();
    if (position_.get() < log.size()) {
      log[position_.get()] = 0x42;
      position_.set(position_.get() + 1);
    }
  }

 private:
  struct State {
    uint32_t samples = 0;
  };
  Grant<State, 0, 0, 1> grant_;
  Cell<Slice<uint8_t>> log_{};
  Cell<usize> position_{0};
};

}  // namespace keel::capsules
