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
  Result<void> const started = start_transmission(device);
  if (started.is_error()) {
    // Refused synchronously: the caller keeps its buffer, so the copy parked in the device goes.
    (void)device->transmit_buffer_.take();
  }
  return started;
}

Result<void> MuxUart::start_transmission(StaticRef<UartDevice const> device) const {
  Option<StaticSlice<uint8_t>> buffer = device->transmit_buffer_.take();
  if (buffer.is_none()) {
    device->transmit_state_.set(UartDevice::TransmitState::Idle);
    return Error(ErrorCode::Fail);
  }
  device->transmit_state_.set(UartDevice::TransmitState::Transmitting);
  transmitting_.set(device);
  Result<void> const started = uart_->transmit_buffer(buffer.value(), device->transmit_length_.get());
  if (started.is_error()) {
    transmitting_.set({});
    device->transmit_state_.set(UartDevice::TransmitState::Idle);
    device->transmit_buffer_.put(buffer.value());
  }
  return started;
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
      Option<StaticSlice<uint8_t>> buffer = candidate->transmit_buffer_.take();
      buffer.map([&](StaticSlice<uint8_t> returned) {
        candidate->transmit_client_.map([&](hil::uart::TransmitClient const& client) {
          client.transmitted_buffer(returned, 0, Error(started.error()));
        });
      });
    }
    candidate = next_in_ring(candidate);
  } while (candidate != first);
}

void MuxUart::transmitted_buffer(StaticSlice<uint8_t> buffer, usize length, Result<void> status) const {
  OptionalStaticRef<UartDevice const> const device = transmitting_.replace({});
  if (device.is_none()) { return; }  // the UART finished something no device started: nobody to tell
  device->transmit_state_.set(UartDevice::TransmitState::Idle);
  // The others first: a device that sends again from its callback then queues behind them.
  start_next_transmission(device);
  device->transmit_client_.map(
      [&](hil::uart::TransmitClient const& client) { client.transmitted_buffer(buffer, length, status); });
}

Result<void> MuxUart::receive(StaticRef<UartDevice const> device, StaticSlice<uint8_t> buffer, usize length) const {
  if (receiving_.get().is_some()) { return Error(ErrorCode::Busy); }
  receiving_.set(device);
  Result<void> const started = uart_->receive_buffer(buffer, length);
  if (started.is_error()) { receiving_.set({}); }
  return started;
}

Result<void> MuxUart::receive_abort(StaticRef<UartDevice const> device) const {
  if (!(receiving_.get() == OptionalStaticRef<UartDevice const>(device))) { return success(); }
  Result<void> const aborted = uart_->receive_abort();
  // Success means the UART had nothing in progress, so no callback will come to end this receive.
  if (aborted.is_ok()) { receiving_.set({}); }
  return aborted;
}

void MuxUart::received_buffer(StaticSlice<uint8_t> buffer, usize length, Result<void> status) const {
  OptionalStaticRef<UartDevice const> const device = receiving_.replace({});
  if (device.is_none()) { return; }
  device->receive_client_.map(
      [&](hil::uart::ReceiveClient const& client) { client.received_buffer(buffer, length, status); });
}

void UartDevice::setup(StaticRef<UartDevice const> device) { device->mux_->link(device); }

void UartDevice::set_transmit_client(StaticRef<hil::uart::TransmitClient const> client) const { transmit_client_.set(client); }

void UartDevice::set_receive_client(StaticRef<hil::uart::ReceiveClient const> client) const { receive_client_.set(client); }

Result<void> UartDevice::transmit_buffer(StaticSlice<uint8_t> buffer, usize length) const {
  if (!linked_.get()) { KEEL_PANIC("UartDevice used before setup()"); }
  if (length == 0 || length > buffer.size()) { return Error(ErrorCode::Size); }
  if (transmit_state_.get() != TransmitState::Idle) { return Error(ErrorCode::Busy); }
  transmit_buffer_.put(buffer);
  transmit_length_.set(length);
  transmit_state_.set(TransmitState::Waiting);
  return mux_->transmit(self_.get().value());
}

Result<void> UartDevice::receive_buffer(StaticSlice<uint8_t> buffer, usize length) const {
  if (!linked_.get()) { KEEL_PANIC("UartDevice used before setup()"); }
  if (length == 0 || length > buffer.size()) { return Error(ErrorCode::Size); }
  return mux_->receive(self_.get().value(), buffer, length);
}

Result<void> UartDevice::receive_abort() const { return mux_->receive_abort(self_.get().value()); }

}  // namespace keel::capsules
