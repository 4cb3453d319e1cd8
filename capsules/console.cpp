// SPDX-License-Identifier: Apache-2.0
#include "capsules/console.h"

#include "kernel/core/utility.h"
#include "kernel/kernel.h"

namespace keel::capsules {

CommandReturn Console::command(uint32_t command_number, uint32_t arg0, uint32_t /*arg1*/, ProcessId pid) const {
  switch (command_number) {
    case 0:
      return CommandReturn::success();
    case 1:
    case 2: {
      auto result = grant_.enter(pid, [&](ProcessConsole& state, GrantKernelData const& data) {
        if (command_number == 2) { state.reads = true; }
        return command_number == 1 ? write(pid, state, data, arg0) : read(pid, data, arg0);
      });
      if (result.is_error()) { return CommandReturn::failure(result.error()); }
      if (result.value().is_error()) { return CommandReturn::failure(result.value().error()); }
      return CommandReturn::success();
    }
    case 3:
      // Busy from the UART means received_buffer follows with Cancel, which the reader hears as READ_DONE.
      if (receiving_.contains(pid)) { (void)uart_->receive_abort(); }
      return CommandReturn::success();
    default:
      return CommandReturn::failure(ErrorCode::NoSupport);
  }
}

bool Console::claims_input() const {
  bool claimed = false;
  grant_.each([&](ProcessId /*pid*/, ProcessConsole const& state, GrantKernelData const& /*data*/) {
    claimed = claimed || state.reads;
  });
  return claimed;
}

Result<void> Console::write(ProcessId pid, ProcessConsole& state, GrantKernelData const& data,
                            uint32_t length) const {
  if (state.writing) { return Error(ErrorCode::Busy); }
  state.write_length = static_cast<uint32_t>(min<usize>(length, data.read_only_buffer(ReadOnlyAllow::kWrite).size()));
  state.write_sent = 0;
  if (state.write_length == 0) {
    // Nothing to send: done at once (the upcall is only queued; the process sees it when it yields).
    finish_write(state, data);
    return success();
  }
  state.writing = true;
  // With the UART idle nobody else is waiting (each finished write hands the UART on), so this one goes now.
  if (transmitting_.is_none() && !send_chunk(pid, state, data)) { finish_write(state, data); }
  return success();
}

Result<void> Console::read(ProcessId pid, GrantKernelData const& data, uint32_t length) const {
  if (Option<ProcessId> const reader = receiving_.get(); reader.is_some()) {
    // A reader that has since ended will never collect its bytes: abort its read so the UART comes back (the
    // buffer returns through received_buffer), and let this process try again.
    if (!(reader.value() == pid) && !is_alive(reader.value())) { (void)uart_->receive_abort(); }
    return Error(ErrorCode::Busy);
  }
  usize const wanted = min<usize>(length, data.read_write_buffer(ReadWriteAllow::kRead).size());
  if (wanted == 0) { return Error(ErrorCode::Size); }
  Option<StaticBuffer<uint8_t>> buffer = receive_buffer_.take();
  if (buffer.is_none()) { return Error(ErrorCode::Busy); }
  // Longer reads would need several receives; like Tock's console, refuse them rather than split them.
  if (wanted > buffer.value().size()) {
    receive_buffer_.put(move(buffer).value());
    return Error(ErrorCode::Inval);
  }
  receiving_.set(pid);
  BufferResult<uint8_t> started = uart_->receive_buffer(move(buffer).value(), wanted);
  if (started.is_error()) {
    receiving_.clear();
    receive_buffer_.put(started.take_buffer());
  }
  return started.status();
}

bool Console::send_chunk(ProcessId pid, ProcessConsole& state, GrantKernelData const& data) const {
  if (state.write_sent >= state.write_length) { return false; }
  Slice<uint8_t const> const source = data.read_only_buffer(ReadOnlyAllow::kWrite).bytes();
  Option<Slice<uint8_t const>> const rest = source.subslice(state.write_sent, state.write_length);
  if (rest.is_none()) {
    // The process allowed a shorter buffer mid-write: stop here and report what went out.
    state.write_length = state.write_sent;
    return false;
  }
  Option<StaticBuffer<uint8_t>> buffer = transmit_buffer_.take();
  if (buffer.is_none()) { return false; }
  usize const chunk = buffer.value().slice().copy_from(rest.value());
  BufferResult<uint8_t> sent = uart_->transmit_buffer(move(buffer).value(), chunk);
  if (sent.is_error()) {
    transmit_buffer_.put(sent.take_buffer());
    return false;
  }
  transmitting_.set(pid);
  return true;
}

void Console::finish_write(ProcessConsole& state, GrantKernelData const& data) {
  state.writing = false;
  // A full upcall queue drops the notification; the write itself is over either way.
  (void)data.schedule_upcall(Upcall::kWriteDone, state.write_sent, 0, 0);
}

void Console::transmitted_buffer(StaticBuffer<uint8_t>&& buffer, usize length, Result<void> status) const {
  transmit_buffer_.put(move(buffer));
  Option<ProcessId> const writer = transmitting_.take();
  if (writer.is_none()) { return; }
  ProcessId const pid = writer.value();
  // A process that ended mid-write has no grant any more: enter fails and there is nothing to finish.
  (void)grant_.enter(pid, [&](ProcessConsole& state, GrantKernelData const& data) {
    // Clamped: a faulty UART reporting more than it was given must not push the count past the write.
    state.write_sent = min<uint32_t>(state.write_length, state.write_sent + static_cast<uint32_t>(length));
    if (status.is_error() || !send_chunk(pid, state, data)) { finish_write(state, data); }
  });
  serve_next_writer(pid);
}

void Console::serve_next_writer(ProcessId after) const {
  // Each round either starts a transmission (and ends the loop) or finishes one write; the bound only guards
  // against a process that cannot be entered.
  for (usize round = 0; round <= Kernel::kMaxProcesses && transmitting_.is_none(); ++round) {
    Option<ProcessId> const next = next_waiting_writer(after);
    if (next.is_none()) { return; }
    ProcessId const pid = next.value();
    (void)grant_.enter(pid, [&](ProcessConsole& state, GrantKernelData const& data) {
      if (!send_chunk(pid, state, data)) { finish_write(state, data); }
    });
    after = pid;
  }
}

Option<ProcessId> Console::next_waiting_writer(ProcessId after) const {
  Option<ProcessId> first{};
  Option<ProcessId> first_after{};
  grant_.each([&](ProcessId pid, ProcessConsole& state, GrantKernelData const& /*data*/) {
    if (!state.writing) { return; }
    if (first.is_none()) { first = pid; }
    if (first_after.is_none() && pid.index > after.index) { first_after = pid; }
  });
  return first_after.is_some() ? first_after : first;
}

bool Console::is_alive(ProcessId pid) const {
  auto const entered = grant_.enter(pid, [](ProcessConsole& /*state*/, GrantKernelData const& /*data*/) {});
  // Busy means it is entered right now, so it exists; only Fail means there is no such process.
  return entered.is_ok() || entered.error() != ErrorCode::Fail;
}

void Console::received_buffer(StaticBuffer<uint8_t>&& buffer, usize length, Result<void> status) const {
  Option<ProcessId> const reader = receiving_.take();
  if (reader.is_some()) {
    // A reader that ended meanwhile has no grant: its bytes are dropped.
    (void)grant_.enter(reader.value(), [&](ProcessConsole& /*state*/, GrantKernelData const& data) {
      Slice<uint8_t> const destination = data.read_write_buffer(ReadWriteAllow::kRead).bytes();
      usize const copied = destination.copy_from(buffer.slice().first(length));
      uint32_t code = status.is_ok() ? 0 : to_number(status.error());
      // More arrived than the process's buffer (shrunk since the read began) holds: say some were dropped.
      if (copied < length) { code = to_number(ErrorCode::Size); }
      (void)data.schedule_upcall(Upcall::kReadDone, code, static_cast<uint32_t>(copied), 0);
    });
  }
  receive_buffer_.put(move(buffer));
}

}  // namespace keel::capsules
