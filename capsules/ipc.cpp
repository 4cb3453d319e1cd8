// SPDX-License-Identifier: Apache-2.0
#include "capsules/ipc.h"

#include "kernel/kernel.h"

namespace keel::capsules {
namespace {

bool same_bytes(Slice<uint8_t const> a, Slice<uint8_t const> b) {
  if (a.size() != b.size()) { return false; }
  for (usize k = 0; k < a.size(); ++k) {
    if (a[k] != b[k]) { return false; }
  }
  return true;
}

bool is_subscribed(GrantKernelData const& data, uint32_t number) {
  Option<UpcallSlot> const slot = data.upcall(number);
  return slot.is_some() && slot.value().function != 0;
}

}  // namespace

CommandReturn IpcDriver::command(uint32_t command_number, uint32_t arg0, uint32_t /*arg1*/, ProcessId pid) const {
  switch (command_number) {
    case 0: return CommandReturn::success();
    case Command::kDiscover: return discover(pid);
    case Command::kNotifyService: return notify(pid, arg0, Kind::Service);
    case Command::kNotifyClient: return notify(pid, arg0, Kind::Client);
    default: return CommandReturn::failure(ErrorCode::NoSupport);
  }
}

CommandReturn IpcDriver::discover(ProcessId pid) const {
  Kernel& kernel = kernel_.get();
  auto found = grant_.enter(pid, [&](Receiver& /*state*/, GrantKernelData const& data) {
    Slice<uint8_t const> const name = data.read_only_buffer(ReadOnlyAllow::kSearch).bytes();
    if (name.size() == 0) { return CommandReturn::failure(ErrorCode::Inval); }
    for (usize index = 0; index < kernel.process_count(); ++index) {
      if (same_bytes(kernel.process_at(index).name(), name)) {
        return CommandReturn::success_u32(static_cast<uint32_t>(index));
      }
    }
    return CommandReturn::failure(ErrorCode::NoDevice);
  });
  return found.is_ok() ? found.value() : CommandReturn::failure(ErrorCode::NoMem);
}

CommandReturn IpcDriver::notify(ProcessId sender_id, uint32_t receiver_index, Kind kind) const {
  Kernel& kernel = kernel_.get();
  if (receiver_index >= kernel.process_count() || receiver_index == sender_id.index) {
    return CommandReturn::failure(ErrorCode::Inval);
  }
  Process& receiver = kernel.process_at(receiver_index);
  Option<Process&> const sender = kernel.process(sender_id);
  if (!receiver.is_alive() || sender.is_none()) { return CommandReturn::failure(ErrorCode::Inval); }
  uint32_t const number = kind == Kind::Service ? receiver_index : sender_id.index;
  auto outcome = grant_.enter(receiver.id(), [&](Receiver& state, GrantKernelData const& data) -> Result<void> {
    Held& held = state.held[sender_id.index];
    if (held.sender_identifier != sender_id.identifier) { held = Held{sender_id.identifier, 0, 0}; }
    uint8_t& count = kind == Kind::Service ? held.service : held.client;
    if (is_subscribed(data, number)) {
      // Older held ones first, so that the receiver sees them in the order they were sent.
      while (count != 0 && deliver(receiver, sender.value(), number, data).is_ok()) { --count; }
      if (count == 0) { return deliver(receiver, sender.value(), number, data); }
    }
    if (count >= kMaxHeld) { return Error(ErrorCode::NoMem); }
    ++count;
    return success();
  });
  if (outcome.is_error()) { return CommandReturn::failure(outcome.error()); }
  if (outcome.value().is_error()) { return CommandReturn::failure(outcome.value().error()); }
  return CommandReturn::success();
}

void IpcDriver::subscribed(ProcessId pid, uint32_t number) const {
  if (number >= kProcesses) { return; }
  Kernel& kernel = kernel_.get();
  Option<Process&> const found = kernel.process(pid);
  if (found.is_none()) { return; }
  Process& receiver = found.value();
  (void)grant_.enter(pid, [&](Receiver& state, GrantKernelData const& data) {
    if (!is_subscribed(data, number)) { return; }
    for (uint32_t index = 0; index < kProcesses; ++index) {
      // Its own index: it subscribed as a service, for every client's notifications; another: as that one's client.
      bool const as_service = number == pid.index;
      if (!as_service && index != number) { continue; }
      Held& held = state.held[index];
      uint8_t& count = as_service ? held.service : held.client;
      if (count == 0) { continue; }
      Option<Process&> const sender = kernel.process(ProcessId{index, held.sender_identifier});
      if (sender.is_none()) {  // ended or restarted since: its notifications go with that run
        count = 0;
        continue;
      }
      while (count != 0 && deliver(receiver, sender.value(), number, data).is_ok()) { --count; }
    }
  });
}

Result<void> IpcDriver::deliver(Process& receiver, Process& sender, uint32_t number,
                                GrantKernelData const& data) const {
  AllowSlot const shared = kernel_->share_read_write_allow(receiver, sender, grant_, receiver.id().index);
  return data.schedule_upcall(number, sender.id().index, shared.length, shared.address);
}

}  // namespace keel::capsules
