// SPDX-License-Identifier: Apache-2.0
// Register block of the 16550A UART (TI PC16550D datasheet, section 8.0 "Registers", table 2 "Register Summary"),
// as QEMU's virt machine maps it at 0x1000_0000: eight byte-wide registers, one byte apart (reg-shift 0). QEMU's
// model is hw/char/serial.c.
#pragma once

#include "kernel/core/registers.h"

namespace keel::chips::qemu_virt {

/// Interrupt Enable Register (offset 1, DLAB = 0).
namespace uart_ier {
struct Tag;
inline constexpr mmio::Field<uint8_t, Tag> received_data{0, 0};
inline constexpr mmio::Field<uint8_t, Tag> transmitter_empty{1, 1};
inline constexpr mmio::Field<uint8_t, Tag> line_status{2, 2};
inline constexpr mmio::Field<uint8_t, Tag> modem_status{3, 3};
}  // namespace uart_ier

// Offset 2 is two registers behind one address: reads give the Interrupt Identification Register, writes go to the
// FIFO Control Register. They share one tag (the register is one member of the block); the read fields live in
// uart_iir and the write fields in uart_fcr. The driver only ever `extract`s or `write`s it, never `modify`s it.
namespace uart_iir_fcr {
struct Tag;
}  // namespace uart_iir_fcr

/// Interrupt Identification Register (read at offset 2), datasheet table 4.
namespace uart_iir {
inline constexpr mmio::Field<uint8_t, uart_iir_fcr::Tag> no_interrupt_pending{0, 0};
inline constexpr mmio::Field<uint8_t, uart_iir_fcr::Tag> interrupt_id{3, 1};
inline constexpr mmio::Field<uint8_t, uart_iir_fcr::Tag> fifos_enabled{7, 6};
// Values of interrupt_id, highest priority first.
inline constexpr uint8_t kLineStatus = 0b011;
inline constexpr uint8_t kReceivedData = 0b010;
inline constexpr uint8_t kCharacterTimeout = 0b110;
inline constexpr uint8_t kTransmitterEmpty = 0b001;
inline constexpr uint8_t kModemStatus = 0b000;
}  // namespace uart_iir

/// FIFO Control Register (written at offset 2).
namespace uart_fcr {
inline constexpr mmio::Field<uint8_t, uart_iir_fcr::Tag> fifo_enable{0, 0};
inline constexpr mmio::Field<uint8_t, uart_iir_fcr::Tag> receiver_reset{1, 1};
inline constexpr mmio::Field<uint8_t, uart_iir_fcr::Tag> transmitter_reset{2, 2};
inline constexpr mmio::Field<uint8_t, uart_iir_fcr::Tag> dma_mode{3, 3};
/// Receive FIFO interrupt trigger level: 0 = 1 byte, 1 = 4, 2 = 8, 3 = 14.
inline constexpr mmio::Field<uint8_t, uart_iir_fcr::Tag> receiver_trigger{7, 6};
}  // namespace uart_fcr

/// Line Control Register (offset 3).
namespace uart_lcr {
struct Tag;
/// 0 = 5 bits ... 3 = 8 bits.
inline constexpr mmio::Field<uint8_t, Tag> word_length{1, 0};
inline constexpr mmio::Field<uint8_t, Tag> two_stop_bits{2, 2};
inline constexpr mmio::Field<uint8_t, Tag> parity_enable{3, 3};
inline constexpr mmio::Field<uint8_t, Tag> even_parity{4, 4};
inline constexpr mmio::Field<uint8_t, Tag> stick_parity{5, 5};
inline constexpr mmio::Field<uint8_t, Tag> break_control{6, 6};
/// While set, offsets 0 and 1 are the divisor latch (DLL, DLM) instead of RBR/THR and IER.
inline constexpr mmio::Field<uint8_t, Tag> divisor_latch_access{7, 7};
}  // namespace uart_lcr

/// Modem Control Register (offset 4).
namespace uart_mcr {
struct Tag;
inline constexpr mmio::Field<uint8_t, Tag> data_terminal_ready{0, 0};
inline constexpr mmio::Field<uint8_t, Tag> request_to_send{1, 1};
inline constexpr mmio::Field<uint8_t, Tag> out1{2, 2};
/// On PC-style boards OUT2 gates the interrupt line; QEMU ignores it, real boards may not.
inline constexpr mmio::Field<uint8_t, Tag> out2{3, 3};
inline constexpr mmio::Field<uint8_t, Tag> loopback{4, 4};
}  // namespace uart_mcr

/// Line Status Register (offset 5). Reading it clears the error bits (overrun, parity, framing, break).
namespace uart_lsr {
struct Tag;
inline constexpr mmio::Field<uint8_t, Tag> data_ready{0, 0};
inline constexpr mmio::Field<uint8_t, Tag> overrun_error{1, 1};
inline constexpr mmio::Field<uint8_t, Tag> parity_error{2, 2};
inline constexpr mmio::Field<uint8_t, Tag> framing_error{3, 3};
inline constexpr mmio::Field<uint8_t, Tag> break_interrupt{4, 4};
/// In FIFO mode: the transmit FIFO is empty, so up to 16 bytes may be written.
inline constexpr mmio::Field<uint8_t, Tag> transmit_holding_empty{5, 5};
inline constexpr mmio::Field<uint8_t, Tag> transmitter_empty{6, 6};
inline constexpr mmio::Field<uint8_t, Tag> receive_fifo_error{7, 7};
}  // namespace uart_lsr

struct Uart16550Registers {
  /// Offset 0: RBR when read, THR when written; DLL while LCR.DLAB is set.
  mmio::ReadWrite<uint8_t> data;
  /// Offset 1: IER; DLM while LCR.DLAB is set (then written raw with `set`).
  mmio::ReadWrite<uint8_t, uart_ier::Tag> ier;
  mmio::ReadWrite<uint8_t, uart_iir_fcr::Tag> iir_fcr;
  mmio::ReadWrite<uint8_t, uart_lcr::Tag> lcr;
  mmio::ReadWrite<uint8_t, uart_mcr::Tag> mcr;
  mmio::ReadOnly<uint8_t, uart_lsr::Tag> lsr;
  mmio::ReadOnly<uint8_t> msr;
  mmio::ReadWrite<uint8_t> scratch;
};
KEEL_REGISTER_AT(Uart16550Registers, data, 0x0);
KEEL_REGISTER_AT(Uart16550Registers, ier, 0x1);
KEEL_REGISTER_AT(Uart16550Registers, iir_fcr, 0x2);
KEEL_REGISTER_AT(Uart16550Registers, lcr, 0x3);
KEEL_REGISTER_AT(Uart16550Registers, mcr, 0x4);
KEEL_REGISTER_AT(Uart16550Registers, lsr, 0x5);
KEEL_REGISTER_AT(Uart16550Registers, msr, 0x6);
KEEL_REGISTER_AT(Uart16550Registers, scratch, 0x7);
static_assert(sizeof(Uart16550Registers) == 8);

}  // namespace keel::chips::qemu_virt
