// SPDX-License-Identifier: Apache-2.0
#include "capsules/rng_driver.h"

#include "kernel/core/utility.h"
#include "kernel/kernel.h"

namespace keel::capsules {

CommandReturn RngDriver::command(uint32_t command_number, uint32_t arg0, uint32_t /*arg1*/, ProcessId pid) const {
  if (command_number == 0) { return CommandReturn::success(); }
  if (command_number != 1) { return CommandReturn::failure(ErrorCode::NoSupport); }
  auto waiting = grant_.enter(pid, [&](ProcessRequest& request, GrantKernelData const& data) {
    request.requested = arg0;
    request.filled = 0;
    request.pending = true;
    if (min<usize>(arg0, data.read_write_buffer(ReadWriteAllow::kBuffer).size()) == 0) {
      finish(request, data, 0);  // nothing to fill: done at once (queued; the process sees it when it yields)
    }
    return request.pending;
  });
  if (waiting.is_error()) { return CommandReturn::failure(waiting.error()); }
  if (!waiting.value() || generating_.get()) { return CommandReturn::success(); }
  Result<void> const started = rng_->get();
  if (started.is_error()) {
    // No other request can be waiting (the generator was stopped), so only this one is withdrawn.
    (void)grant_.enter(pid, [](ProcessRequest& request, GrantKernelData const& /*data*/) { request.pending = false; });
    return CommandReturn::failure(started.error());
  }
  generating_.set(true);
  return CommandReturn::success();
}

hil::rng::Continue RngDriver::randomness_available(Slice<uint8_t const> bytes, Result<void> status) const {
  bool still_waiting = false;
  if (status.is_error()) {
    // The source failed: every waiting process gets what it has so far rather than waiting forever.
    grant_.each([](ProcessId /*pid*/, ProcessRequest& request, GrantKernelData const& data) {
      if (request.pending) { finish(request, data, request.filled); }
    });
  } else {
    usize used = 0;
    uint32_t const first = first_served_.get();
    auto serve = [&](ProcessRequest& request, GrantKernelData const& data) {
      if (request.pending && fill(request, data, bytes, used)) { still_waiting = true; }
    };
    // Two passes: the processes from `first` to the end of the table, then those before it.
    grant_.each([&](ProcessId pid, ProcessRequest& request, GrantKernelData const& data) {
      if (pid.index >= first) { serve(request, data); }
    });
    grant_.each([&](ProcessId pid, ProcessRequest& request, GrantKernelData const& data) {
      if (pid.index < first) { serve(request, data); }
    });
    first_served_.set((first + 1) % static_cast<uint32_t>(Kernel::kMaxProcesses));
  }
  generating_.set(still_waiting);
  return still_waiting ? hil::rng::Continue::More : hil::rng::Continue::Done;
}

bool RngDriver::fill(ProcessRequest& request, GrantKernelData const& data, Slice<uint8_t const> bytes, usize& used) {
  Slice<uint8_t> const buffer = data.read_write_buffer(ReadWriteAllow::kBuffer).bytes();
  // The process may have allowed a different buffer since asking; the request never reaches past the current one.
  uint32_t const target = static_cast<uint32_t>(min<usize>(request.requested, buffer.size()));
  if (request.filled < target) {
    usize const copied = buffer.subslice(request.filled, target).value().copy_from(bytes.skip(used));
    request.filled += static_cast<uint32_t>(copied);
    used += copied;
  }
  if (request.filled < target) { return true; }
  finish(request, data, target);
  return false;
}

void RngDriver::finish(ProcessRequest& request, GrantKernelData const& data, uint32_t filled) {
  request.pending = false;
  // A full upcall queue drops the notification; the bytes are in the buffer either way.
  (void)data.schedule_upcall(Upcall::kDone, 0, filled, 0);
}

}  // namespace keel::capsules
