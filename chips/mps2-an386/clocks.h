// SPDX-License-Identifier: Apache-2.0
// The clock every mps2-an386 peripheral Keel drives runs from: the FPGA's 25 MHz SYSCLK, which also clocks the
// Cortex-M4 and the APB bus (ARM AN386; QEMU 7.2 hw/arm/mps2.c gives the UARTs, the APB timers and the dual timer
// the same 25 MHz clock). The UART's baud divisor and the dual timer's tick rate are derived from it.
#pragma once

#include "kernel/core/types.h"

namespace keel::chips::mps2_an386 {

inline constexpr uint32_t kSystemClockHz = 25'000'000;

}  // namespace keel::chips::mps2_an386
