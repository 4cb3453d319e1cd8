// SPDX-License-Identifier: Apache-2.0
// 16550A UART driver: interrupt-driven transmit and receive of 'static buffers (hil::uart::HardwareUart), plus a
// polled writer for the panic path (hil::uart::PanicWriter).
//
// Setup (board):
//   auto& uart = KEEL_STATIC_INIT(Uart16550, board::uart_registers());
//   Uart16550::initialize(uart);          // 8N1, 115200 baud, FIFOs on, interrupts off until needed
//   uart.set_transmit_client(mux);         // the board's UART mux, a HardwareTransmitClient (and receive likewise);
//                                          // then the chip routes PLIC source 10 to uart.handle_interrupt()
// Usage: transmit_buffer / receive_buffer; completions arrive from handle_interrupt() (or, for an abort, from the
// deferred call), never inside the call that started the operation.
//
// Transmit fills the 16-byte FIFO each time the THR-empty interrupt says it drained, and completes on the THR-empty
// interrupt after the last chunk, i.e. once every byte has left the FIFO. Receive enables the received-data
// interrupt only while a receive is in progress, so bytes that arrive between receives wait in the FIFO.
#pragma once

#include "kernel/core/ref.h"
#include "chips/qemu-virt/uart_16550_registers.h"
#include "kernel/core/cell.h"
#include "kernel/core/optional_cell.h"
#include "kernel/core/take_cell.h"
#include "kernel/deferred_call.h"
#include "kernel/hil/uart.h"

namespace keel::chips::qemu_virt {

class Uart16550 final : public hil::uart::HardwareUart, public hil::uart::PanicWriter, public DeferredCallClient {
 public:
  static constexpr usize kFifoDepth = 16;
  static constexpr uint32_t kBaudRate = 115'200;

  explicit Uart16550(StaticRef<Uart16550Registers> registers);
  Uart16550(Uart16550 const&) = delete;
  Uart16550& operator=(Uart16550 const&) = delete;

  /// Programs 8N1 at kBaudRate, enables and clears both FIFOs (1-byte receive trigger) and masks every interrupt.
  /// Programs the line and binds the driver's deferred call to it (board wiring: `uart` is the static driver).
  static void initialize(StaticRef<Uart16550 const> uart);
  /// Services the highest-priority pending UART interrupt. The line is level-triggered, so anything still pending
  /// afterwards raises the PLIC source again.
  void handle_interrupt() const;

  void set_transmit_client(StaticRef<hil::uart::HardwareTransmitClient const> client) const override;
  void set_receive_client(StaticRef<hil::uart::HardwareReceiveClient const> client) const override;
  BufferResult<uint8_t> transmit_buffer(StaticBuffer<uint8_t>&& buffer, usize length) const override;
  BufferResult<uint8_t> receive_buffer(StaticBuffer<uint8_t>&& buffer, usize length) const override;
  Result<void> receive_abort() const override;

  void write_polled(Slice<uint8_t const> bytes) const override;

  void handle_deferred_call() const override;

 private:
  enum class TransmitState : uint8_t { Idle, Transmitting };
  enum class ReceiveState : uint8_t { Idle, Receiving, AbortRequested };

  void fill_transmit_fifo() const;
  void transmitter_empty() const;
  void receive_ready() const;
  [[gnu::always_inline]] void set_interrupts(mmio::FieldValue<uint8_t, uart_ier::Tag> values) const {
    registers_->ier.modify(values);
  }

  StaticRef<Uart16550Registers> registers_;
  void program_line() const;

  DeferredCall deferred_call_{};

  ClientCell<hil::uart::HardwareTransmitClient> transmit_client_;
  Cell<TransmitState> transmit_state_{TransmitState::Idle};
  TakeCell<StaticBuffer<uint8_t>> transmit_buffer_;
  Cell<usize> transmit_length_{0};
  /// Bytes already written into the FIFO.
  Cell<usize> transmit_position_{0};

  ClientCell<hil::uart::HardwareReceiveClient> receive_client_;
  Cell<ReceiveState> receive_state_{ReceiveState::Idle};
  TakeCell<StaticBuffer<uint8_t>> receive_buffer_;
  Cell<usize> receive_length_{0};
  Cell<usize> receive_position_{0};
};

}  // namespace keel::chips::qemu_virt
