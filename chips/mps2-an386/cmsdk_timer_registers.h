// SPDX-License-Identifier: Apache-2.0
// Register block of the CMSDK APB dual-input timer (ARM Cortex-M System Design Kit TRM, DDI 0479, "APB dual-input
// timers", an SP804-style block): two identical down-counters, Timer 1 at +0x00 and Timer 2 at +0x20. QEMU's model
// is hw/timer/cmsdk-apb-dualtimer.c. The integration-test and identification registers (0xF00 on) are not part of
// the block: Keel never uses them.
#pragma once

#include "kernel/core/registers.h"

namespace keel::chips::mps2_an386 {

/// TimerXControl (offset 0x08 of each timer). Reset value: interrupt_enable set, everything else clear (16-bit,
/// free-running, stopped).
namespace dual_timer_control {
struct Tag;
/// Stop at zero instead of wrapping or reloading.
inline constexpr mmio::Field<uint32_t, Tag> one_shot{0, 0};
/// 1 = 32-bit counter, 0 = 16-bit.
inline constexpr mmio::Field<uint32_t, Tag> size_32{1, 1};
/// Clock divisor: 0 = 1, 1 = 16, 2 = 256 (3 is undefined).
inline constexpr mmio::Field<uint32_t, Tag> prescale{3, 2};
inline constexpr mmio::Field<uint32_t, Tag> interrupt_enable{5, 5};
/// 1 = periodic (reload from Load at zero), 0 = free-running (wrap from zero to the maximum value).
inline constexpr mmio::Field<uint32_t, Tag> periodic{6, 6};
inline constexpr mmio::Field<uint32_t, Tag> enable{7, 7};
}  // namespace dual_timer_control

/// TimerXRIS / TimerXMIS (offsets 0x10 / 0x14): raw and masked (raw AND interrupt_enable) interrupt status.
namespace dual_timer_status {
struct Tag;
inline constexpr mmio::Field<uint32_t, Tag> interrupt{0, 0};
}  // namespace dual_timer_status

/// One of the two counters.
struct DualTimerChannel {
  /// Writing loads the counter at once (and, periodic, sets the reload value).
  mmio::ReadWrite<uint32_t> load;
  /// The current count.
  mmio::ReadOnly<uint32_t> value;
  mmio::ReadWrite<uint32_t, dual_timer_control::Tag> control;
  /// Any write clears the interrupt.
  mmio::WriteOnly<uint32_t> interrupt_clear;
  mmio::ReadOnly<uint32_t, dual_timer_status::Tag> raw_interrupt_status;
  mmio::ReadOnly<uint32_t, dual_timer_status::Tag> masked_interrupt_status;
  /// Sets the reload value without touching the current count.
  mmio::ReadWrite<uint32_t> background_load;
  mmio::Reserved<4> reserved;
};
KEEL_REGISTER_AT(DualTimerChannel, load, 0x00);
KEEL_REGISTER_AT(DualTimerChannel, value, 0x04);
KEEL_REGISTER_AT(DualTimerChannel, control, 0x08);
KEEL_REGISTER_AT(DualTimerChannel, interrupt_clear, 0x0C);
KEEL_REGISTER_AT(DualTimerChannel, raw_interrupt_status, 0x10);
KEEL_REGISTER_AT(DualTimerChannel, masked_interrupt_status, 0x14);
KEEL_REGISTER_AT(DualTimerChannel, background_load, 0x18);
static_assert(sizeof(DualTimerChannel) == 0x20);

struct CmsdkDualTimerRegisters {
  DualTimerChannel timer1;
  DualTimerChannel timer2;
};
KEEL_REGISTER_AT(CmsdkDualTimerRegisters, timer1, 0x00);
KEEL_REGISTER_AT(CmsdkDualTimerRegisters, timer2, 0x20);
static_assert(sizeof(CmsdkDualTimerRegisters) == 0x40);

}  // namespace keel::chips::mps2_an386
