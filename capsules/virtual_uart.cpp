// SPDX-License-Identifier: Apache-2.0
#include "capsules/virtual_uart.h"

#include "kernel/core/panic.h"

namespace keel::capsules {

void MuxUart::link(StaticRef<UartDevice const> device) const {
  if (device->linked_.get()) { KEEL_PANIC("UartDevice::setup called twice"); }
  device->next_.set(head_.get());
  device->self_.set(device);
  head_.set(device);
  device->linked_.set(true);
}

OptionalStaticRef<UartDevice const> MuxUart::next_in_ring(OptionalStaticRef<UartDevice const> device) const {
  if (device.is_none()) { return head_.get(); }
  OptionalStaticRef<UartDevice const> const next = device->next_.get();
  return next.is_some() ? next : head_.get();
}

Result<void> MuxUart::transmit(StaticRef<UartDevice const> device) const {
  if (transmitting_.get().is_some()) { return success(); }  // waits for its turn
  return start_transmission(device);
}

Result<void> MuxUart::start_transmission(StaticRef<UartDevice const> device) const {
  Option<StaticBuffer<uint8_t>> buffer = device->transmit_buffer_.take();
  if (buffer.is_none()) {
    device->transmit_state_.set(UartDevice::TransmitState::Idle);
    return Error(ErrorCode::Fail);
  }
  device->transmit_state_.set(UartDevice::TransmitState::Transmitting);
  transmitting_.set(device);
  BufferResult<uint8_t> started = uart_->transmit_buffer(move(buffer).value(), device->transmit_length_.get());
  if (started.is_error()) {
    transmitting_.set({});
    device->transmit_state_.set(UartDevice::TransmitState::Idle);
    device->transmit_buffer_.put(started.take_buffer());
  }
  return started.status();
}

void MuxUart::start_next_transmission(OptionalStaticRef<UartDevice const> after) const {
  OptionalStaticRef<UartDevice const> const first = next_in_ring(after);
  if (first.is_none()) { return; }
  OptionalStaticRef<UartDevice const> candidate = first;
  do {
    // A client told of a failure below may have started a transmission of its own.
    if (transmitting_.get().is_some()) { return; }
    if (candidate->transmit_state_.get() == UartDevice::TransmitState::Waiting) {
      Result<void> const started = start_transmission(candidate.value());
      if (started.is_ok()) { return; }
      Option<StaticBuffer<uint8_t>> buffer = candidate->transmit_buffer_.take();
      buffer.map([&](StaticBuffer<uint8_t>& returned) {
        candidate->transmit_client_.map([&](hil::uart::TransmitClient const& client) {
          client.transmitted_buffer(move(returned), 0, Error(started.error()));
        });
      });
    }
    candidate = next_in_ring(candidate);
  } while (candidate != first);
}

void MuxUart::transmitted_buffer(StaticBuffer<uint8_t>&& buffer, usize length, Result<void> status) const {
  OptionalStaticRef<UartDevice const> const device = transmitting_.replace({});
  if (device.is_none()) { return; }  // the UART finished something no device started: nobody to tell
  device->transmit_state_.set(UartDevice::TransmitState::Idle);
  // The others first: a device that sends again from its callback then queues behind them.
  start_next_transmission(device);
  device->transmit_client_.map(
      [&](hil::uart::TransmitClient const& client) { client.transmitted_buffer(move(buffer), length, status); });
  // A claim on the input may have ended meanwhile (its process exited, which the kernel just reported).
  resume_background();
}

BufferResult<uint8_t> MuxUart::receive(StaticRef<UartDevice const> device, StaticBuffer<uint8_t>&& buffer,
                                       usize length) const {
  OptionalStaticRef<UartDevice const> const self(device);
  OptionalStaticRef<UartDevice const> const current = receiving_.get();
  if (current == self || foreground_waiting_.get() == self || background_waiting_.get() == self) {
    return {ErrorCode::Busy, move(buffer)};
  }
  bool const background = device->priority_ == ReceivePriority::Background;
  if (current.is_none() && foreground_waiting_.get().is_none() && !(background && input_claimed())) {
    receiving_.set(device);
    BufferResult<uint8_t> started = uart_->receive_buffer(move(buffer), length);
    if (started.is_error()) { receiving_.set({}); }
    return started;
  }
  if (background ? background_waiting_.get().is_some()
                 : foreground_waiting_.get().is_some() || current->priority_ == ReceivePriority::Foreground) {
    return {ErrorCode::Busy, move(buffer)};
  }
  device->receive_buffer_.put(move(buffer));
  device->receive_length_.set(length);
  device->receive_aborted_.set(false);
  if (background) {
    background_waiting_.set(device);
    return {};
  }
  // A foreground request takes over from the background receive: it starts when the aborted one has ended.
  foreground_waiting_.set(device);
  Result<void> const aborted = uart_->receive_abort();
  if (aborted.is_ok()) {
    // The UART had nothing in progress after all, so no callback comes: the background device's receive is gone
    // with nothing received, and the foreground one starts now (an error goes back to its caller).
    foreground_waiting_.set({});
    receiving_.set(device);
    BufferResult<uint8_t> started = uart_->receive_buffer(device->receive_buffer_.take().value(), length);
    if (started.is_error()) { receiving_.set({}); }
    return started;
  }
  return {};
}

Result<void> MuxUart::receive_abort(StaticRef<UartDevice const> device) const {
  OptionalStaticRef<UartDevice const> const self(device);
  if (foreground_waiting_.get() == self || background_waiting_.get() == self) {
    // Parked: its buffer comes back with Cancel when the receive it waits for ends (a hardware callback).
    device->receive_aborted_.set(true);
    return Error(ErrorCode::Busy);
  }
  if (!(receiving_.get() == self)) { return success(); }
  Result<void> const aborted = uart_->receive_abort();
  // Success means the UART had nothing in progress, so no callback will come to end this receive.
  if (aborted.is_ok()) { receiving_.set({}); }
  return aborted;
}

void MuxUart::start_parked_receive(StaticRef<UartDevice const> device) const {
  Option<StaticBuffer<uint8_t>> parked = device->receive_buffer_.take();
  if (parked.is_none()) { return; }
  Result<void> status = Error(ErrorCode::Cancel);
  if (!device->receive_aborted_.get()) {
    receiving_.set(device);
    BufferResult<uint8_t> started = uart_->receive_buffer(move(parked).value(), device->receive_length_.get());
    if (started.is_ok()) { return; }
    receiving_.set({});
    status = started.status();
    parked = started.take_buffer();
  }
  parked.map([&](StaticBuffer<uint8_t>& buffer) {
    device->receive_client_.map(
        [&](hil::uart::ReceiveClient const& client) { client.received_buffer(move(buffer), 0, status); });
  });
}

void MuxUart::received_buffer(StaticBuffer<uint8_t>&& buffer, usize length, Result<void> status) const {
  OptionalStaticRef<UartDevice const> const device = receiving_.replace({});
  if (device.is_none()) { return; }
  // A foreground receive that took over starts before the aborted background client hears its Cancel (a new
  // background request from that callback then waits behind it).
  OptionalStaticRef<UartDevice const> const taking_over = foreground_waiting_.replace({});
  if (taking_over.is_some()) { start_parked_receive(taking_over.value()); }
  device->receive_client_.map(
      [&](hil::uart::ReceiveClient const& client) { client.received_buffer(move(buffer), length, status); });
  // The background receive resumes once nobody else receives (the client above may have started another).
  resume_background();
}

bool MuxUart::input_claimed() const {
  for (OptionalStaticRef<UartDevice const> device = head_.get(); device.is_some(); device = device->next_.get()) {
    bool claimed = false;
    device->input_claim_.map([&](InputClaim const& claim) { claimed = claim.claims_input(); });
    if (claimed) { return true; }
  }
  return false;
}

void MuxUart::resume_background() const {
  if (background_waiting_.get().is_none() || receiving_.get().is_some() || foreground_waiting_.get().is_some()) {
    return;
  }
  // An aborted wait gives its buffer back even while the input is claimed.
  OptionalStaticRef<UartDevice const> const waiting = background_waiting_.get();
  if (!waiting->receive_aborted_.get() && input_claimed()) { return; }
  background_waiting_.set({});
  start_parked_receive(waiting.value());
}

void UartDevice::setup(StaticRef<UartDevice const> device) { device->mux_->link(device); }

void UartDevice::set_transmit_client(StaticRef<hil::uart::TransmitClient const> client) const { transmit_client_.set(client); }

void UartDevice::set_receive_client(StaticRef<hil::uart::ReceiveClient const> client) const { receive_client_.set(client); }

BufferResult<uint8_t> UartDevice::transmit_buffer(StaticBuffer<uint8_t>&& buffer, usize length) const {
  if (!linked_.get()) { KEEL_PANIC("UartDevice used before setup()"); }
  if (length == 0 || length > buffer.size()) { return {ErrorCode::Size, move(buffer)}; }
  if (transmit_state_.get() != TransmitState::Idle) { return {ErrorCode::Busy, move(buffer)}; }
  transmit_buffer_.put(move(buffer));
  transmit_length_.set(length);
  transmit_state_.set(TransmitState::Waiting);
  Result<void> const started = mux_->transmit(self_.get().value());
  // Refused at once: the mux parked the buffer back here, and it goes back to the caller.
  if (started.is_error()) { return {started.error(), transmit_buffer_.take().value()}; }
  return {};
}

BufferResult<uint8_t> UartDevice::receive_buffer(StaticBuffer<uint8_t>&& buffer, usize length) const {
  if (!linked_.get()) { KEEL_PANIC("UartDevice used before setup()"); }
  if (length == 0 || length > buffer.size()) { return {ErrorCode::Size, move(buffer)}; }
  return mux_->receive(self_.get().value(), move(buffer), length);
}

Result<void> UartDevice::receive_abort() const { return mux_->receive_abort(self_.get().value()); }

}  // namespace keel::capsules
