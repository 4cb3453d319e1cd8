// SPDX-License-Identifier: Apache-2.0
// The ARMv7-M system reset request (B3.2.6, AIRCR): writing the key with SYSRESETREQ asks the system to reset, as
// from power-on (QEMU restarts the machine and reloads its images). AIRCR also holds PRIGROUP, which decides what
// BASEPRI masks, so untrusted code never gets the register: the board's trusted support writes only one value, which
// it spells itself (boards/mps2-an386/board_support.h, request_system_reset).
#pragma once

#include "kernel/core/registers.h"

namespace keel::arch {

struct ApplicationInterruptResetControl {
  mmio::ReadWrite<uint32_t> aircr;
};
KEEL_REGISTER_AT(ApplicationInterruptResetControl, aircr, 0x0);

}  // namespace keel::arch
