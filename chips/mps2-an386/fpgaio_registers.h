// SPDX-License-Identifier: Apache-2.0
// Register block of the MPS2 FPGA system control and I/O block (FPGAIO) as the AN385/AN386 images have it (ARM
// AN386, "FPGA system control and I/O"; QEMU 7.2 hw/misc/mps2-fpgaio.c, instantiated by hw/arm/mps2.c with its
// default of 2 LEDs and a 25 MHz prescaler clock). Keel drives only the LED register; the rest is listed so the
// offsets match the documentation.
#pragma once

#include "kernel/core/registers.h"

namespace keel::chips::mps2_an386 {

/// LED0 (offset 0x00): one bit per user LED, 1 = lit; reads back what was written.
namespace fpgaio_led {
struct Tag;
inline constexpr mmio::Field<uint32_t, Tag> led0{0, 0};
inline constexpr mmio::Field<uint32_t, Tag> led1{1, 1};
}  // namespace fpgaio_led

/// BUTTON (offset 0x08): one bit per user push button. QEMU 7.2 does not model the buttons: it always reads 0.
namespace fpgaio_button {
struct Tag;
inline constexpr mmio::Field<uint32_t, Tag> button0{0, 0};
inline constexpr mmio::Field<uint32_t, Tag> button1{1, 1};
}  // namespace fpgaio_button

struct FpgaioRegisters {
  mmio::ReadWrite<uint32_t, fpgaio_led::Tag> led;
  mmio::Reserved<0x4> reserved0;
  mmio::ReadOnly<uint32_t, fpgaio_button::Tag> button;
  mmio::Reserved<0x4> reserved1;
  /// Counters: 1 Hz and 100 Hz up-counters, a cycle counter that counts once each time the prescale counter
  /// (PSCNTR, reloaded from PRESCALE) reaches zero.
  mmio::ReadWrite<uint32_t> clk1hz;
  mmio::ReadWrite<uint32_t> clk100hz;
  mmio::ReadWrite<uint32_t> counter;
  mmio::ReadWrite<uint32_t> prescale;
  mmio::ReadWrite<uint32_t> pscntr;
  mmio::Reserved<0x4C - 0x24> reserved2;
  /// Control bits for other board devices (SPI chip selects, CLCD); QEMU keeps them without effect.
  mmio::ReadWrite<uint32_t> misc;
};
KEEL_REGISTER_AT(FpgaioRegisters, led, 0x00);
KEEL_REGISTER_AT(FpgaioRegisters, button, 0x08);
KEEL_REGISTER_AT(FpgaioRegisters, clk1hz, 0x10);
KEEL_REGISTER_AT(FpgaioRegisters, clk100hz, 0x14);
KEEL_REGISTER_AT(FpgaioRegisters, counter, 0x18);
KEEL_REGISTER_AT(FpgaioRegisters, prescale, 0x1C);
KEEL_REGISTER_AT(FpgaioRegisters, pscntr, 0x20);
KEEL_REGISTER_AT(FpgaioRegisters, misc, 0x4C);
static_assert(sizeof(FpgaioRegisters) == 0x50);

}  // namespace keel::chips::mps2_an386
