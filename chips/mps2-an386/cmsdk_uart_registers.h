// SPDX-License-Identifier: Apache-2.0
// Register block of the CMSDK APB UART (ARM Cortex-M System Design Kit TRM, DDI 0479, "APB UART"): five 32-bit
// registers, a one-byte transmit buffer and a one-byte receive buffer, no FIFO, always 8N1. QEMU's model is
// hw/char/cmsdk-apb-uart.c. The identification registers at 0xFD0-0xFFC are not part of the block: Keel never
// reads them.
#pragma once

#include "kernel/core/registers.h"

namespace keel::chips::mps2_an386 {

/// STATE (offset 0x4). The full bits are read-only; the overrun bits are sticky and cleared by writing 1 to them
/// (writing 0 changes nothing, so a `write` of one overrun bit clears only that one).
namespace uart_state {
struct Tag;
/// A byte waits in the transmit buffer: writing DATA now would overrun it.
inline constexpr mmio::Field<uint32_t, Tag> tx_full{0, 0};
/// A received byte waits in DATA.
inline constexpr mmio::Field<uint32_t, Tag> rx_full{1, 1};
inline constexpr mmio::Field<uint32_t, Tag> tx_overrun{2, 2};
/// A byte arrived while rx_full was set; the older byte was lost.
inline constexpr mmio::Field<uint32_t, Tag> rx_overrun{3, 3};
}  // namespace uart_state

/// CTRL (offset 0x8).
namespace uart_ctrl {
struct Tag;
inline constexpr mmio::Field<uint32_t, Tag> tx_enable{0, 0};
inline constexpr mmio::Field<uint32_t, Tag> rx_enable{1, 1};
/// The TX interrupt latches when the transmit buffer goes from full to empty (not while it merely is empty).
inline constexpr mmio::Field<uint32_t, Tag> tx_interrupt_enable{2, 2};
/// The RX interrupt latches when a byte arrives (not while one merely waits).
inline constexpr mmio::Field<uint32_t, Tag> rx_interrupt_enable{3, 3};
inline constexpr mmio::Field<uint32_t, Tag> tx_overrun_interrupt_enable{4, 4};
inline constexpr mmio::Field<uint32_t, Tag> rx_overrun_interrupt_enable{5, 5};
/// High-speed test mode (baud divisor applies to each bit rather than 16 samples); Keel leaves it off.
inline constexpr mmio::Field<uint32_t, Tag> high_speed_test{6, 6};
}  // namespace uart_ctrl

/// INTSTATUS when read, INTCLEAR when written (offset 0xC): one register, so one tag. Every bit is latched and
/// cleared by writing 1 (a `write` of some bits clears those and leaves the others).
namespace uart_interrupt {
struct Tag;
inline constexpr mmio::Field<uint32_t, Tag> tx{0, 0};
inline constexpr mmio::Field<uint32_t, Tag> rx{1, 1};
inline constexpr mmio::Field<uint32_t, Tag> tx_overrun{2, 2};
inline constexpr mmio::Field<uint32_t, Tag> rx_overrun{3, 3};
}  // namespace uart_interrupt

/// BAUDDIV (offset 0x10): PCLK / baud rate, 20 bits, at least 16.
namespace uart_bauddiv {
struct Tag;
inline constexpr mmio::Field<uint32_t, Tag> divisor{19, 0};
}  // namespace uart_bauddiv

struct CmsdkUartRegisters {
  /// Reading takes the received byte (clearing STATE.rx_full); writing hands a byte to the transmitter.
  mmio::ReadWrite<uint32_t> data;
  mmio::ReadWrite<uint32_t, uart_state::Tag> state;
  mmio::ReadWrite<uint32_t, uart_ctrl::Tag> ctrl;
  mmio::ReadWrite<uint32_t, uart_interrupt::Tag> interrupt_status_clear;
  mmio::ReadWrite<uint32_t, uart_bauddiv::Tag> bauddiv;
};
KEEL_REGISTER_AT(CmsdkUartRegisters, data, 0x00);
KEEL_REGISTER_AT(CmsdkUartRegisters, state, 0x04);
KEEL_REGISTER_AT(CmsdkUartRegisters, ctrl, 0x08);
KEEL_REGISTER_AT(CmsdkUartRegisters, interrupt_status_clear, 0x0C);
KEEL_REGISTER_AT(CmsdkUartRegisters, bauddiv, 0x10);
static_assert(sizeof(CmsdkUartRegisters) == 0x14);

}  // namespace keel::chips::mps2_an386
