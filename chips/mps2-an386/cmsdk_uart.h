// SPDX-License-Identifier: Apache-2.0
// CMSDK APB UART driver: interrupt-driven transmit and receive of 'static buffers (hil::uart::HardwareUart), plus a
// polled writer for the panic path (hil::uart::PanicWriter). The driver knows no address: the board hands it the
// register block.
//
// Setup (board):
//   auto& uart = KEEL_STATIC_INIT(CmsdkUart, mmio::map_registers<CmsdkUartRegisters>(<UART0 base>));
//   CmsdkUart::initialize(uart);           // 8N1 at kBaudRate from the 25 MHz clock, TX and RX on, interrupts off
//   uart.set_transmit_client(mux);          // the board's UART mux (and the receive client likewise); the chip then
//                                           // routes both of the UART's NVIC lines (on mps2-an386 UART0: RX 0,
//                                           // TX 1) to uart.handle_interrupt()
// Usage: transmit_buffer / receive_buffer; completions arrive from handle_interrupt() or the deferred call, never
// inside the call that started the operation.
//
// The device has a one-byte buffer each way and no FIFO, and its interrupts are latched on events, not levels: TX
// latches when the transmit buffer goes from full to empty, RX when a byte arrives. Two consequences shape the
// driver. (1) Each handler clears the latch before touching DATA, so an event that happens while it runs latches
// again and is not lost. (2) A byte that arrived while no receive was in progress (RX interrupt masked) raises no
// interrupt when the next receive unmasks it; receive_buffer therefore looks at STATE.rx_full and, if a byte is
// waiting, collects it from the deferred call.
//
// Transmit writes bytes while the transmit buffer has room (at most kBytesPerInterrupt per call, so the handler's
// time is bounded; under QEMU a byte leaves at once and the whole chunk goes out) and completes on the TX interrupt
// that finds every byte written and the buffer empty.
#pragma once

#include "chips/mps2-an386/interrupt_service.h"
#include "chips/mps2-an386/cmsdk_uart_registers.h"
#include "kernel/core/cell.h"
#include "kernel/core/optional_cell.h"
#include "kernel/core/ref.h"
#include "kernel/core/take_cell.h"
#include "kernel/deferred_call.h"
#include "kernel/hil/uart.h"

namespace keel::chips::mps2_an386 {

class CmsdkUart final : public hil::uart::HardwareUart,
                        public hil::uart::PanicWriter,
                        public DeferredCallClient,
                        public InterruptService {
 public:
  static constexpr uint32_t kBaudRate = 115'200;
  /// Most bytes moved per interrupt or call, either way.
  static constexpr usize kBytesPerInterrupt = 16;

  explicit CmsdkUart(StaticRef<CmsdkUartRegisters> registers);
  CmsdkUart(CmsdkUart const&) = delete;
  CmsdkUart& operator=(CmsdkUart const&) = delete;

  /// Masks every interrupt, clears latched interrupts and overruns, programs the baud divisor and enables the
  /// transmitter and receiver; binds the driver's deferred call (board wiring: `uart` is the static driver).
  static void initialize(StaticRef<CmsdkUart const> uart);
  /// Services whatever the UART has latched (TX, RX or both): the chip calls it for either NVIC line.
  void handle_interrupt() const override;

  void set_transmit_client(StaticRef<hil::uart::HardwareTransmitClient const> client) const override;
  void set_receive_client(StaticRef<hil::uart::HardwareReceiveClient const> client) const override;
  BufferResult<uint8_t> transmit_buffer(StaticBuffer<uint8_t>&& buffer, usize length) const override;
  BufferResult<uint8_t> receive_buffer(StaticBuffer<uint8_t>&& buffer, usize length) const override;
  Result<void> receive_abort() const override;

  /// Busy-waits for room before each byte; turns the transmitter on if it is off (a panic before initialize).
  void write_polled(Slice<uint8_t const> bytes) const override;

  void handle_deferred_call() const override;

 private:
  enum class TransmitState : uint8_t { Idle, Transmitting };
  enum class ReceiveState : uint8_t { Idle, Receiving, AbortRequested };

  void program() const;
  void fill_transmit_buffer() const;
  void transmit_ready() const;
  void receive_ready() const;
  [[gnu::always_inline]] void set_control(mmio::FieldValue<uint32_t, uart_ctrl::Tag> values) const {
    registers_->ctrl.modify(values);
  }

  StaticRef<CmsdkUartRegisters> registers_;
  DeferredCall deferred_call_{};

  ClientCell<hil::uart::HardwareTransmitClient> transmit_client_;
  Cell<TransmitState> transmit_state_{TransmitState::Idle};
  TakeCell<StaticBuffer<uint8_t>> transmit_buffer_;
  Cell<usize> transmit_length_{0};
  /// Bytes already handed to the transmitter.
  Cell<usize> transmit_position_{0};

  ClientCell<hil::uart::HardwareReceiveClient> receive_client_;
  Cell<ReceiveState> receive_state_{ReceiveState::Idle};
  TakeCell<StaticBuffer<uint8_t>> receive_buffer_;
  Cell<usize> receive_length_{0};
  Cell<usize> receive_position_{0};
};

}  // namespace keel::chips::mps2_an386
