// SPDX-License-Identifier: Apache-2.0
// QEMU's mps2-an386 (Cortex-M4, ARM's AN386 FPGA image for the MPS2 board; QEMU 7.2 hw/arm/mps2.c): the device
// addresses and NVIC interrupt numbers the board wires.
#pragma once

#include "kernel/core/types.h"

namespace keel::chips::mps2_an386 {

inline constexpr uintptr_t kUart0Base = 0x4000'4000U;
inline constexpr uintptr_t kTimer0Base = 0x4000'0000U;
inline constexpr uintptr_t kTimer1Base = 0x4000'1000U;
inline constexpr uintptr_t kDualTimerBase = 0x4000'2000U;
inline constexpr uintptr_t kFpgaIoBase = 0x4002'8000U;
inline constexpr uintptr_t kNvicBase = 0xE000'E100U;

inline constexpr uint32_t kUart0ReceiveInterrupt = 0;
inline constexpr uint32_t kUart0TransmitInterrupt = 1;
inline constexpr uint32_t kTimer0Interrupt = 8;
inline constexpr uint32_t kTimer1Interrupt = 9;
inline constexpr uint32_t kDualTimerInterrupt = 10;

}  // namespace keel::chips::mps2_an386
