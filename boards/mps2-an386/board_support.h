// SPDX-License-Identifier: Apache-2.0
// mps2-an386's trusted board support: what the untrusted wiring (main.cpp) needs that the safe subset cannot say,
// each sound whatever the wiring passes, in any order and any number of times:
//   - uart0_registers() ... nvic_registers(): each device's register block at its memory-map address, written
//     here, and no larger than the device's window (mmio::map_device). A block is device memory for the whole run,
//     reached only through typed registers; a second StaticRef to it is no more than a copy of the first.
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

// Addresses and windows from the AN386 memory map (APB peripherals of 4 KiB each) and the ARMv7-M System Control
// Space, written here and not taken from chips/mps2-an386/memory_map.h: an untrusted constant must not decide where a
// register block lies.
inline StaticRef<CmsdkUartRegisters> uart0_registers() {
  return mmio::map_device<CmsdkUartRegisters, 0x4000'4000U, 0x1000>();
}
inline StaticRef<CmsdkDualTimerRegisters> dual_timer_registers() {
  return mmio::map_device<CmsdkDualTimerRegisters, 0x4000'2000U, 0x1000>();
}
inline StaticRef<FpgaioRegisters> fpgaio_registers() { return mmio::map_device<FpgaioRegisters, 0x4002'8000U, 0x1000>(); }
// ISER to the priority bytes of the first 32 interrupts (IPR0-7): the System Control Block (VTOR, AIRCR, the
// priorities of svc and the faults) is not in the window.
inline StaticRef<arch::NvicRegisters> nvic_registers() {
  return mmio::map_device<arch::NvicRegisters, 0xE000'E100U, 0x320>();
}
inline void request_system_reset() {
  auto const control = mmio::map_device<arch::ApplicationInterruptResetControl, 0xE000'ED0CU, 4>();
  // The value is written here, not taken from system_reset.h: AIRCR's other fields are PRIGROUP (what BASEPRI
  // masks) and VECTCLRACTIVE and VECTRESET (UNPREDICTABLE outside debug), which an untrusted constant must not set.
  control->aircr.set((0x05FAU << 16) | (1U << 2));  // VECTKEY (writes without it are ignored) | SYSRESETREQ
}
[[noreturn]] void semihosting_exit(uint32_t status);

// Provided by the wiring.
/// Builds the kernel and runs it; never returns (clang's -Winvalid-noreturn holds the definition to that).
[[noreturn]] void boot();

}  // namespace keel::boards::mps2_an386
