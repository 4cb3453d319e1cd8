// SPDX-License-Identifier: Apache-2.0
#include "chips/mps2-an386/cmsdk_uart.h"

#include "chips/mps2-an386/clocks.h"
#include "kernel/core/utility.h"

namespace keel::chips::mps2_an386 {
namespace {

constexpr auto kAllInterrupts = uart_interrupt::tx.set() + uart_interrupt::rx.set() +
                                uart_interrupt::tx_overrun.set() + uart_interrupt::rx_overrun.set();

}  // namespace

CmsdkUart::CmsdkUart(StaticRef<CmsdkUartRegisters> registers) : registers_(registers) {}

void CmsdkUart::initialize(StaticRef<CmsdkUart const> uart) {
  uart->deferred_call_.bind(uart);
  uart->program();
}

void CmsdkUart::program() const {
  registers_->ctrl.set(0);
  registers_->interrupt_status_clear.write(kAllInterrupts);
  registers_->state.write(uart_state::tx_overrun.set() + uart_state::rx_overrun.set());

  // BAUDDIV = PCLK / baud, at least 16 (TRM). QEMU ignores the rate (it only checks the divisor is valid); real
  // hardware does not. 25 MHz / 115200 = 217.01: 217 is 0.006 % fast.
  constexpr uint32_t kDivisor = kSystemClockHz / kBaudRate;
  static_assert(kDivisor >= 16 && kDivisor <= 0xF'FFFF, "BAUDDIV is 20 bits and at least 16");
  registers_->bauddiv.write(uart_bauddiv::divisor.val(kDivisor));

  registers_->ctrl.write(uart_ctrl::tx_enable.set() + uart_ctrl::rx_enable.set());
}

void CmsdkUart::handle_interrupt() const {
  auto const pending = registers_->interrupt_status_clear.extract();
  // Clear the latches seen (writing 1 clears, 0 keeps) before touching DATA: a byte that leaves or arrives from
  // here on latches again and raises a new interrupt, and one that latched since the read above stays latched.
  registers_->interrupt_status_clear.set(pending.get());
  if (pending.is_set(uart_interrupt::tx)) { transmit_ready(); }
  if (pending.is_set(uart_interrupt::rx)) { receive_ready(); }
}

void CmsdkUart::set_transmit_client(StaticRef<hil::uart::HardwareTransmitClient const> client) const {
  transmit_client_.set(client);
}

void CmsdkUart::set_receive_client(StaticRef<hil::uart::HardwareReceiveClient const> client) const {
  receive_client_.set(client);
}

BufferResult<uint8_t> CmsdkUart::transmit_buffer(StaticBuffer<uint8_t>&& buffer, usize length) const {
  if (transmit_state_.get() != TransmitState::Idle) { return {ErrorCode::Busy, move(buffer)}; }
  if (length == 0 || length > buffer.size()) { return {ErrorCode::Size, move(buffer)}; }
  transmit_buffer_.put(move(buffer));
  transmit_length_.set(length);
  transmit_position_.set(0);
  transmit_state_.set(TransmitState::Transmitting);
  // Unmask first: the TX latch only records a full-to-empty transition that happens while it is enabled, and the
  // byte written below (or one a panic write left behind) must raise it when it leaves.
  set_control(uart_ctrl::tx_interrupt_enable.set());
  fill_transmit_buffer();
  // Completion comes from the TX interrupt once the last byte has left, so never from inside this call.
  return {};
}

void CmsdkUart::fill_transmit_buffer() const {
  transmit_buffer_.map([&](Slice<uint8_t> buffer) {
    usize position = transmit_position_.get();
    usize const end = min(transmit_length_.get(), position + kBytesPerInterrupt);
    while (position < end && !registers_->state.is_set(uart_state::tx_full)) {
      registers_->data.set(buffer[position]);
      ++position;
    }
    transmit_position_.set(position);
  });
}

void CmsdkUart::transmit_ready() const {
  if (transmit_state_.get() != TransmitState::Transmitting) {
    set_control(uart_ctrl::tx_interrupt_enable.clear());
    return;
  }
  // A byte still in the transmit buffer (the latch came from an earlier byte) raises the latch again when it leaves.
  if (registers_->state.is_set(uart_state::tx_full)) { return; }
  if (transmit_position_.get() < transmit_length_.get()) {
    fill_transmit_buffer();
    return;
  }
  // Every byte was written and the buffer is empty: the last one has gone to the shift register.
  set_control(uart_ctrl::tx_interrupt_enable.clear());
  transmit_state_.set(TransmitState::Idle);
  usize const length = transmit_length_.get();
  transmit_buffer_.take().map([&](StaticBuffer<uint8_t>& buffer) {
    transmit_client_.map([&](hil::uart::HardwareTransmitClient const& client) {
      client.transmitted_buffer(move(buffer), length, success());
    });
  });
}

BufferResult<uint8_t> CmsdkUart::receive_buffer(StaticBuffer<uint8_t>&& buffer, usize length) const {
  if (receive_state_.get() != ReceiveState::Idle) { return {ErrorCode::Busy, move(buffer)}; }
  if (length == 0 || length > buffer.size()) { return {ErrorCode::Size, move(buffer)}; }
  receive_buffer_.put(move(buffer));
  receive_length_.set(length);
  receive_position_.set(0);
  receive_state_.set(ReceiveState::Receiving);
  set_control(uart_ctrl::rx_interrupt_enable.set());
  // A byte that arrived while the RX interrupt was masked latched nothing, and unmasking does not latch it now: it
  // is collected from the deferred call. (One arriving from here on latches the interrupt as usual.)
  if (registers_->state.is_set(uart_state::rx_full)) { deferred_call_.set(); }
  return {};
}

void CmsdkUart::receive_ready() const {
  if (receive_state_.get() != ReceiveState::Receiving) {
    // Nobody is receiving: mask, and leave the byte in DATA for the next receive (which finds it via rx_full).
    set_control(uart_ctrl::rx_interrupt_enable.clear());
    return;
  }
  // A byte lost to an overrun cannot be reported through the HIL; clear the sticky bit so the next one is seen.
  if (registers_->state.is_set(uart_state::rx_overrun)) { registers_->state.write(uart_state::rx_overrun.set()); }
  receive_buffer_.map([&](Slice<uint8_t> buffer) {
    usize position = receive_position_.get();
    usize const length = receive_length_.get();
    // Bounded, so an rx_full that never clears cannot hold the kernel here.
    for (usize count = 0; count < kBytesPerInterrupt && position < length &&
                          registers_->state.is_set(uart_state::rx_full);
         ++count) {
      buffer[position] = static_cast<uint8_t>(registers_->data.get() & 0xFFU);
      ++position;
    }
    receive_position_.set(position);
  });
  if (receive_position_.get() < receive_length_.get()) { return; }

  set_control(uart_ctrl::rx_interrupt_enable.clear());
  receive_state_.set(ReceiveState::Idle);
  usize const length = receive_length_.get();
  receive_buffer_.take().map([&](StaticBuffer<uint8_t>& buffer) {
    receive_client_.map([&](hil::uart::HardwareReceiveClient const& client) {
      client.received_buffer(move(buffer), length, success());
    });
  });
}

Result<void> CmsdkUart::receive_abort() const {
  ReceiveState const state = receive_state_.get();
  if (state == ReceiveState::Idle) { return success(); }
  if (state == ReceiveState::Receiving) {
    set_control(uart_ctrl::rx_interrupt_enable.clear());
    receive_state_.set(ReceiveState::AbortRequested);
    // The caller hears Cancel from the deferred call, never from inside receive_abort (HIL rule).
    deferred_call_.set();
  }
  return Error(ErrorCode::Busy);
}

void CmsdkUart::handle_deferred_call() const {
  switch (receive_state_.get()) {
    case ReceiveState::Receiving:
      // receive_buffer found a byte already waiting.
      receive_ready();
      break;
    case ReceiveState::AbortRequested: {
      receive_state_.set(ReceiveState::Idle);
      usize const received = receive_position_.get();
      receive_buffer_.take().map([&](StaticBuffer<uint8_t>& buffer) {
        receive_client_.map([&](hil::uart::HardwareReceiveClient const& client) {
          client.received_buffer(move(buffer), received, Error(ErrorCode::Cancel));
        });
      });
      break;
    }
    case ReceiveState::Idle:
      break;
  }
}

void CmsdkUart::write_polled(Slice<uint8_t const> bytes) const {
  if (!registers_->ctrl.is_set(uart_ctrl::tx_enable)) { set_control(uart_ctrl::tx_enable.set()); }
  for (uint8_t const byte : bytes) {
    while (registers_->state.is_set(uart_state::tx_full)) {}
    registers_->data.set(byte);
  }
}

}  // namespace keel::chips::mps2_an386
