// SPDX-License-Identifier: Apache-2.0
// The NVIC's registers (ARMv7-M ARM B3.4.3) from 0xE000E100: set-enable, clear-enable, set-pending, clear-pending,
// active bits (one bit per interrupt, 32 per word), then the priority bytes (four per word). Keel's boards use at
// most 32 interrupts, the first word of each and the first 8 priority words.
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
  mmio::Reserved<0x100 - 4 * 16> reserved4;
  Array<mmio::ReadWrite<uint32_t>, kNvicInterrupts / 4> priority;
};
KEEL_REGISTER_AT(NvicRegisters, clear_enable, 0x080);
KEEL_REGISTER_AT(NvicRegisters, set_pending, 0x100);
KEEL_REGISTER_AT(NvicRegisters, clear_pending, 0x180);
KEEL_REGISTER_AT(NvicRegisters, active, 0x200);
KEEL_REGISTER_AT(NvicRegisters, priority, 0x300);

}  // namespace keel::arch
