// SPDX-License-Identifier: Apache-2.0
// Register block of the CLINT on QEMU's virt machine (0x0200_0000): the SiFive CLINT layout, which QEMU 7.2 builds
// from an ACLINT MSWI device at +0x0000 and an ACLINT MTIMER device at +0x4000 (RISC-V ACLINT specification v1.0,
// sections 2.1 "MTIME" and 2.2 "MTIMECMP"; hw/intc/riscv_aclint.c). Only hart 0 exists. Every register is accessed
// as 32-bit halves, which the ACLINT allows and rv32 needs.
#pragma once

#include "kernel/core/registers.h"

namespace keel::chips::qemu_virt {

struct ClintRegisters {
  /// MSIP for hart 0: bit 0 raises the machine software interrupt (unused by Keel).
  mmio::ReadWrite<uint32_t> msip;
  mmio::Reserved<0x4000 - 0x4> reserved0;
  /// MTIMECMP for hart 0. The machine timer interrupt is pending while mtime >= mtimecmp (unsigned 64-bit).
  mmio::ReadWrite<uint32_t> mtimecmp_low;
  mmio::ReadWrite<uint32_t> mtimecmp_high;
  mmio::Reserved<0xBFF8 - 0x4008> reserved1;
  /// MTIME: 64-bit, counts at the 10 MHz timebase. Writable in the ACLINT; Keel never writes it.
  mmio::ReadOnly<uint32_t> mtime_low;
  mmio::ReadOnly<uint32_t> mtime_high;
};
KEEL_REGISTER_AT(ClintRegisters, msip, 0x0000);
KEEL_REGISTER_AT(ClintRegisters, mtimecmp_low, 0x4000);
KEEL_REGISTER_AT(ClintRegisters, mtimecmp_high, 0x4004);
KEEL_REGISTER_AT(ClintRegisters, mtime_low, 0xBFF8);
KEEL_REGISTER_AT(ClintRegisters, mtime_high, 0xBFFC);
static_assert(sizeof(ClintRegisters) == 0xC000);

}  // namespace keel::chips::qemu_virt
