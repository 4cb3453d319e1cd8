// SPDX-License-Identifier: Apache-2.0
#include "chips/qemu-virt/uart_16550.h"

#include "chips/qemu-virt/memory_map.h"
#include "kernel/core/utility.h"

namespace keel::chips::qemu_virt {

Uart16550::Uart16550(StaticRef<Uart16550Registers> registers) : registers_(registers) {}

void Uart16550::initialize(StaticRef<Uart16550 const> uart) {
  uart->deferred_call_.bind(uart);
  uart->program_line();
}

void Uart16550::program_line() const {
  registers_->ier.set(0);

  // Baud rate = input clock / (16 * divisor) (datasheet section 8.10). QEMU ignores it; real hardware does not.
  constexpr uint32_t kDivisor = kUartClockHz / (16U * kBaudRate);
  static_assert(kDivisor > 0 && kDivisor <= 0xffff, "the divisor latch is 16 bits wide");
  registers_->lcr.write(uart_lcr::divisor_latch_access.set());
  registers_->data.set(static_cast<uint8_t>(kDivisor & 0xffU));
  registers_->ier.set(static_cast<uint8_t>(kDivisor >> 8));

  // 8 data bits, no parity, one stop bit; clearing DLAB gives offsets 0 and 1 back to the data and IER registers.
  registers_->lcr.write(uart_lcr::word_length.val(3));
  registers_->iir_fcr.write(uart_fcr::fifo_enable.set() + uart_fcr::receiver_reset.set() +
                           uart_fcr::transmitter_reset.set() + uart_fcr::receiver_trigger.val(0));
  registers_->mcr.write(uart_mcr::data_terminal_ready.set() + uart_mcr::request_to_send.set() + uart_mcr::out2.set());
  // An error latched before reset would otherwise raise a line-status interrupt as soon as receive enables it.
  registers_->lsr.get();
}

void Uart16550::handle_interrupt() const {
  auto const iir = registers_->iir_fcr.extract();
  if (iir.is_set(uart_iir::no_interrupt_pending)) { return; }
  switch (iir.read(uart_iir::interrupt_id)) {
    case uart_iir::kLineStatus:
      // Reading LSR clears the error. The byte in error (if any) still arrives through the data interrupt.
      registers_->lsr.get();
      break;
    case uart_iir::kReceivedData:
    case uart_iir::kCharacterTimeout:
      receive_ready();
      break;
    case uart_iir::kTransmitterEmpty:
      // Reading IIR while it reported THR-empty already cleared that interrupt.
      transmitter_empty();
      break;
    default:
      // Modem status: never enabled by Keel; reading MSR clears it.
      registers_->msr.get();
      break;
  }
}

void Uart16550::set_transmit_client(StaticRef<hil::uart::HardwareTransmitClient const> client) const {
  transmit_client_.set(client);
}

void Uart16550::set_receive_client(StaticRef<hil::uart::HardwareReceiveClient const> client) const {
  receive_client_.set(client);
}

BufferResult<uint8_t> Uart16550::transmit_buffer(StaticBuffer<uint8_t>&& buffer, usize length) const {
  if (transmit_state_.get() != TransmitState::Idle) { return {ErrorCode::Busy, move(buffer)}; }
  if (length == 0 || length > buffer.size()) { return {ErrorCode::Size, move(buffer)}; }
  transmit_buffer_.put(move(buffer));
  transmit_length_.set(length);
  transmit_position_.set(0);
  transmit_state_.set(TransmitState::Transmitting);
  fill_transmit_fifo();
  // Completion comes from the THR-empty interrupt after the last chunk, so never from inside this call.
  set_interrupts(uart_ier::transmitter_empty.set());
  return {};
}

void Uart16550::fill_transmit_fifo() const {
  transmit_buffer_.map([&](Slice<uint8_t> buffer) {
    // In FIFO mode THR-empty means the whole transmit FIFO is empty: a FIFO's worth fits. A UART that has already
    // sent it (QEMU's sends at once) takes the next chunk now rather than one interrupt later.
    while (transmit_position_.get() < transmit_length_.get() &&
           registers_->lsr.is_set(uart_lsr::transmit_holding_empty)) {
      usize const end = min(transmit_length_.get(), transmit_position_.get() + kFifoDepth);
      // One bounds check for the chunk, not one per byte.
      for (uint8_t const byte : buffer.first(end).skip(transmit_position_.get())) { registers_->data.set(byte); }
      transmit_position_.set(end);
    }
  });
}

void Uart16550::transmitter_empty() const {
  if (transmit_state_.get() != TransmitState::Transmitting) {
    set_interrupts(uart_ier::transmitter_empty.clear());
    return;
  }
  if (transmit_position_.get() < transmit_length_.get()) {
    fill_transmit_fifo();
    return;
  }
  // The FIFO drained after the last chunk: every byte is out.
  set_interrupts(uart_ier::transmitter_empty.clear());
  transmit_state_.set(TransmitState::Idle);
  usize const length = transmit_length_.get();
  transmit_buffer_.take().map([&](StaticBuffer<uint8_t>& buffer) {
    transmit_client_.map(
        [&](hil::uart::HardwareTransmitClient const& client) { client.transmitted_buffer(move(buffer), length, success()); });
  });
}

BufferResult<uint8_t> Uart16550::receive_buffer(StaticBuffer<uint8_t>&& buffer, usize length) const {
  if (receive_state_.get() != ReceiveState::Idle) { return {ErrorCode::Busy, move(buffer)}; }
  if (length == 0 || length > buffer.size()) { return {ErrorCode::Size, move(buffer)}; }
  receive_buffer_.put(move(buffer));
  receive_length_.set(length);
  receive_position_.set(0);
  receive_state_.set(ReceiveState::Receiving);
  // Bytes already waiting in the FIFO raise the interrupt at once; they are read there, not here.
  set_interrupts(uart_ier::received_data.set() + uart_ier::line_status.set());
  return {};
}

void Uart16550::receive_ready() const {
  if (receive_state_.get() != ReceiveState::Receiving) {
    // Nobody is receiving: mask the interrupt and leave the bytes in the FIFO for the next receive.
    set_interrupts(uart_ier::received_data.clear() + uart_ier::line_status.clear());
    return;
  }
  receive_buffer_.map([&](Slice<uint8_t> buffer) {
    usize position = receive_position_.get();
    usize const length = receive_length_.get();
    // At most one FIFO's worth per interrupt, so a data-ready bit that never clears cannot hold the kernel here.
    for (usize count = 0; count < kFifoDepth && position < length && registers_->lsr.is_set(uart_lsr::data_ready);
         ++count) {
      buffer[position] = registers_->data.get();
      ++position;
    }
    receive_position_.set(position);
  });
  if (receive_position_.get() < receive_length_.get()) { return; }

  set_interrupts(uart_ier::received_data.clear() + uart_ier::line_status.clear());
  receive_state_.set(ReceiveState::Idle);
  usize const length = receive_length_.get();
  receive_buffer_.take().map([&](StaticBuffer<uint8_t>& buffer) {
    receive_client_.map(
        [&](hil::uart::HardwareReceiveClient const& client) { client.received_buffer(move(buffer), length, success()); });
  });
}

Result<void> Uart16550::receive_abort() const {
  ReceiveState const state = receive_state_.get();
  if (state == ReceiveState::Idle) { return success(); }
  if (state == ReceiveState::Receiving) {
    set_interrupts(uart_ier::received_data.clear() + uart_ier::line_status.clear());
    receive_state_.set(ReceiveState::AbortRequested);
    // The caller hears Cancel from the deferred call, never from inside receive_abort (HIL rule).
    deferred_call_.set();
  }
  return Error(ErrorCode::Busy);
}

void Uart16550::handle_deferred_call() const {
  if (receive_state_.get() != ReceiveState::AbortRequested) { return; }
  receive_state_.set(ReceiveState::Idle);
  usize const received = receive_position_.get();
  receive_buffer_.take().map([&](StaticBuffer<uint8_t>& buffer) {
    receive_client_.map([&](hil::uart::HardwareReceiveClient const& client) {
      client.received_buffer(move(buffer), received, Error(ErrorCode::Cancel));
    });
  });
}

void Uart16550::write_polled(Slice<uint8_t const> bytes) const {
  usize index = 0;
  while (index < bytes.size()) {
    while (!registers_->lsr.is_set(uart_lsr::transmit_holding_empty)) {}
    usize const end = min(bytes.size(), index + kFifoDepth);
    for (; index < end; ++index) { registers_->data.set(bytes[index]); }
  }
}

}  // namespace keel::chips::qemu_virt
