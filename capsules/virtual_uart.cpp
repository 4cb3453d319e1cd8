// SPDX-License-Identifier: Apache-2.0
#include "capsules/virtual_uart.h"

#include "kernel/core/panic.h"

namespace keel::capsules {

void MuxUart::link(UartDevice const& device) const {
  if (device.linked_.get()) { KEEL_PANIC("UartDevice::setup called twice"); }
  device.next_.set(head_.get());
  head_.set(&device);
  device.linked_.set(true);
}

UartDevice const* MuxUart::next_in_ring(UartDevice const* device) const {
  if (device == nullptr) { return head_.get(); }
  UartDevice const* next = device->next_.get();
  return next != nullptr ? next : head_.get();
}

Result<void> MuxUart::transmit(UartDevice const& device) const {
  if (transmitting_.get() != nullptr) { return success(); }  // waits for its turn
  Result<void> const started = start_transmission(device);
  if (started.is_error()) {
    // Refused synchronously: the caller keeps its buffer, so the copy parked in the device goes.
    (void)device.transmit_buffer_.take();
  }
  return started;
}

Result<void> MuxUart::start_transmission(UartDevice const& device) const {
  Option<Slice<uint8_t>> buffer = device.transmit_buffer_.take();
  if (buffer.is_none()) {
    device.transmit_state_.set(UartDevice::TransmitState::Idle);
    return Error(ErrorCode::Fail);
  }
  device.transmit_state_.set(UartDevice::TransmitState::Transmitting);
  transmitting_.set(&device);
  Result<void> const started = uart_.transmit_buffer(buffer.value(), device.transmit_length_.get());
  if (started.is_error()) {
    transmitting_.set(nullptr);
    device.transmit_state_.set(UartDevice::TransmitState::Idle);
    device.transmit_buffer_.put(buffer.value());
  }
  return started;
}

void MuxUart::start_next_transmission(UartDevice const* after) const {
  UartDevice const* const first = next_in_ring(after);
  if (first == nullptr) { return; }
  UartDevice const* candidate = first;
  do {
    // A client told of a failure below may have started a transmission of its own.
    if (transmitting_.get() != nullptr) { return; }
    if (candidate->transmit_state_.get() == UartDevice::TransmitState::Waiting) {
      Result<void> const started = start_transmission(*candidate);
      if (started.is_ok()) { return; }
      Option<Slice<uint8_t>> buffer = candidate->transmit_buffer_.take();
      buffer.map([&](Slice<uint8_t> returned) {
        candidate->transmit_client_.map([&](hil::uart::TransmitClient const& client) {
          client.transmitted_buffer(returned, 0, Error(started.error()));
        });
      });
    }
    candidate = next_in_ring(candidate);
  } while (candidate != first);
}

void MuxUart::transmitted_buffer(Slice<uint8_t> buffer, usize length, Result<void> status) const {
  UartDevice const* const device = transmitting_.replace(nullptr);
  if (device == nullptr) { return; }  // the UART finished something no device started: nobody to tell
  device->transmit_state_.set(UartDevice::TransmitState::Idle);
  // The others first: a device that sends again from its callback then queues behind them.
  start_next_transmission(device);
  device->transmit_client_.map(
      [&](hil::uart::TransmitClient const& client) { client.transmitted_buffer(buffer, length, status); });
}

Result<void> MuxUart::receive(UartDevice const& device, Slice<uint8_t> buffer, usize length) const {
  if (receiving_.get() != nullptr) { return Error(ErrorCode::Busy); }
  receiving_.set(&device);
  Result<void> const started = uart_.receive_buffer(buffer, length);
  if (started.is_error()) { receiving_.set(nullptr); }
  return started;
}

Result<void> MuxUart::receive_abort(UartDevice const& device) const {
  if (receiving_.get() != &device) { return success(); }
  Result<void> const aborted = uart_.receive_abort();
  // Success means the UART had nothing in progress, so no callback will come to end this receive.
  if (aborted.is_ok()) { receiving_.set(nullptr); }
  return aborted;
}

void MuxUart::received_buffer(Slice<uint8_t> buffer, usize length, Result<void> status) const {
  UartDevice const* const device = receiving_.replace(nullptr);
  if (device == nullptr) { return; }
  device->receive_client_.map(
      [&](hil::uart::ReceiveClient const& client) { client.received_buffer(buffer, length, status); });
}

void UartDevice::setup() const { mux_.link(*this); }

void UartDevice::set_transmit_client(hil::uart::TransmitClient const& client) const { transmit_client_.set(client); }

void UartDevice::set_receive_client(hil::uart::ReceiveClient const& client) const { receive_client_.set(client); }

Result<void> UartDevice::transmit_buffer(Slice<uint8_t> buffer, usize length) const {
  if (!linked_.get()) { KEEL_PANIC("UartDevice used before setup()"); }
  if (length == 0 || length > buffer.size()) { return Error(ErrorCode::Size); }
  if (transmit_state_.get() != TransmitState::Idle) { return Error(ErrorCode::Busy); }
  transmit_buffer_.put(buffer);
  transmit_length_.set(length);
  transmit_state_.set(TransmitState::Waiting);
  return mux_.transmit(*this);
}

Result<void> UartDevice::receive_buffer(Slice<uint8_t> buffer, usize length) const {
  if (!linked_.get()) { KEEL_PANIC("UartDevice used before setup()"); }
  if (length == 0 || length > buffer.size()) { return Error(ErrorCode::Size); }
  return mux_.receive(*this, buffer, length);
}

Result<void> UartDevice::receive_abort() const { return mux_.receive_abort(*this); }

}  // namespace keel::capsules
