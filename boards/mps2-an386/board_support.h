// SPDX-License-Identifier: Apache-2.0
// mps2-an386's trusted board support: what the untrusted wiring (main.cpp) needs that the safe subset cannot say,
// each sound whatever the wiring passes, in any order and any number of times:
//   - uart0_registers() ... nvic_registers(): each device's register block at its memory-map address
//     (chips/mps2-an386/memory_map.h). A block is device memory for the whole run, reached only through typed
//     registers; a second StaticRef to it is no more than a copy of the first.
//   - load_processes(kernel), from kernel/linker_regions.h: the app flash and process RAM of layout.ld.
//   - request_system_reset(): the reset request, a fixed value written to AIRCR.
//   - semihosting_exit(status): ends the QEMU run with `status` (ARM semihosting SYS_EXIT_EXTENDED).
// The wiring provides boot(), and stop_after_panic() for the shared panic path (kernel/panic_path.h).
//
// TRUSTED: device addresses become register blocks; semihosting is a
// breakpoint instruction.
#pragma once

#include "arch/cortex-m/nvic_registers.h"
#include "arch/cortex-m/system_reset.h"
#include "chips/mps2-an386/cmsdk_timer_registers.h"
#include "chips/mps2-an386/cmsdk_uart_registers.h"
#include "chips/mps2-an386/fpgaio_registers.h"
#include "chips/mps2-an386/memory_map.h"
#include "keel_arch/memory_protection.h"
#include "kernel/core/mmio.h"
#include "kernel/kernel.h"
#include "kernel/linker_regions.h"
#include "kernel/panic_path.h"

namespace keel::boards::mps2_an386 {

using namespace chips::mps2_an386;

inline StaticRef<CmsdkUartRegisters> uart0_registers() { return mmio::map_registers<CmsdkUartRegisters>(kUart0Base); }
inline StaticRef<CmsdkDualTimerRegisters> dual_timer_registers() {
  return mmio::map_registers<CmsdkDualTimerRegisters>(kDualTimerBase);
}
inline StaticRef<FpgaioRegisters> fpgaio_registers() { return mmio::map_registers<FpgaioRegisters>(kFpgaIoBase); }
inline StaticRef<arch::NvicRegisters> nvic_registers() { return mmio::map_registers<arch::NvicRegisters>(kNvicBase); }
/// Asks the system to reset (AIRCR SYSRESETREQ): the one value ever written there, so no untrusted code can set
/// PRIGROUP (and with it what BASEPRI masks).
inline void request_system_reset() {
  auto const control = mmio::map_registers<arch::ApplicationInterruptResetControl>(arch::kAircrAddress);
  control->aircr.set(arch::kSystemResetRequest);
}


/// Ends the QEMU run (-semihosting) with `status` as its exit status.
[[noreturn]] void semihosting_exit(uint32_t status);

// Provided by the wiring.
/// Builds the kernel and runs it; never returns (clang's -Winvalid-noreturn holds the definition to that).
[[noreturn]] void boot();

}  // namespace keel::boards::mps2_an386
