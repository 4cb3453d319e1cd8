// SPDX-License-Identifier: Apache-2.0
// QEMU's mps2-an386 (Cortex-M4, ARM's AN386 FPGA image for the MPS2 board; QEMU 7.2 hw/arm/mps2.c): the NVIC
// interrupt numbers the board wires. Where each register block lies is the trusted board support's alone
// (boards/mps2-an386/board_support.h maps every block at its own literal address, within its device's window).
#pragma once

#include "kernel/core/types.h"

namespace keel::chips::mps2_an386 {

inline constexpr uint32_t kUart0ReceiveInterrupt = 0;
inline constexpr uint32_t kUart0TransmitInterrupt = 1;
inline constexpr uint32_t kTimer0Interrupt = 8;
inline constexpr uint32_t kTimer1Interrupt = 9;
inline constexpr uint32_t kDualTimerInterrupt = 10;

}  // namespace keel::chips::mps2_an386
