// SPDX-License-Identifier: Apache-2.0
// The NVIC's registers (ARMv7-M ARM B3.4.3) from 0xE000E100: set-enable, clear-enable, set-pending, clear-pending,
// active bits (one bit per interrupt, 32 per word). Keel's boards use at most 32 interrupts, the first word of each.
// The priority bytes that follow (0x300) are not here: start.S sets them all, once, to the priority the kernel's
// BASEPRI masks, and nothing else may write one.
#pragma once

#include "kernel/core/array.h"
#include "kernel/core/registers.h"

namespace keel::arch {

inline constexpr uint32_t kNvicInterrupts = 32;

struct NvicRegisters {
  Array<mmio::ReadWrite<uint32_t>, 16> set_enable;
  mmio::Reserved<0x80 - 4 * 16> reserved0;
  Array<mmio::ReadWrite<uint32_t>, 16> clear_enable;
  mmio::Reserved<0x80 - 4 * 16> reserved1;
  Array<mmio::ReadWrite<uint32_t>, 16> set_pending;
  mmio::Reserved<0x80 - 4 * 16> reserved2;
  Array<mmio::ReadWrite<uint32_t>, 16> clear_pending;
  mmio::Reserved<0x80 - 4 * 16> reserved3;
  Array<mmio::ReadOnly<uint32_t>, 16> active;
};
KEEL_REGISTER_AT(NvicRegisters, clear_enable, 0x080);
KEEL_REGISTER_AT(NvicRegisters, set_pending, 0x100);
KEEL_REGISTER_AT(NvicRegisters, clear_pending, 0x180);
KEEL_REGISTER_AT(NvicRegisters, active, 0x200);

}  // namespace keel::arch
