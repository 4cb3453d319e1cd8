// SPDX-License-Identifier: Apache-2.0
// Register block of the PLIC on QEMU's virt machine (0x0C00_0000), following the RISC-V PLIC specification v1.0.0,
// chapter 3 "Memory Map": source priorities at 0x000000 + 4 * source, pending bits at 0x001000, enable bits of
// context c at 0x002000 + 0x80 * c, priority threshold of context c at 0x200000 + 0x1000 * c and its claim/complete
// register 4 bytes after. QEMU 7.2 (include/hw/riscv/virt.h, hw/intc/sifive_plic.c) has 96 sources (0 means "no
// interrupt"), priorities 0-7, and context 0 = hart 0 machine mode, the only context Keel uses; the block stops after
// context 0's claim/complete register.
#pragma once

#include "kernel/core/array.h"
#include "kernel/core/registers.h"

namespace keel::chips::qemu_virt {

inline constexpr uint32_t kPlicSources = 96;
inline constexpr uint32_t kPlicMaxPriority = 7;
inline constexpr usize kPlicWords = kPlicSources / 32;

struct PlicRegisters {
  Array<mmio::ReadWrite<uint32_t>, kPlicSources> priority;
  mmio::Reserved<0x1000 - 4 * kPlicSources> reserved0;
  Array<mmio::ReadOnly<uint32_t>, kPlicWords> pending;
  mmio::Reserved<0x2000 - 0x1000 - 4 * kPlicWords> reserved1;
  Array<mmio::ReadWrite<uint32_t>, kPlicWords> enable_context0;
  mmio::Reserved<0x200000 - 0x2000 - 4 * kPlicWords> reserved2;
  mmio::ReadWrite<uint32_t> threshold_context0;
  /// Reading claims the highest-priority pending source (0: none); writing a claimed source's number completes it.
  mmio::ReadWrite<uint32_t> claim_complete_context0;
};
KEEL_REGISTER_AT(PlicRegisters, priority, 0x000000);
KEEL_REGISTER_AT(PlicRegisters, pending, 0x001000);
KEEL_REGISTER_AT(PlicRegisters, enable_context0, 0x002000);
KEEL_REGISTER_AT(PlicRegisters, threshold_context0, 0x200000);
KEEL_REGISTER_AT(PlicRegisters, claim_complete_context0, 0x200004);

}  // namespace keel::chips::qemu_virt
