// SPDX-License-Identifier: Apache-2.0
#include "chips/mps2-an386/fpgaio_leds.h"

#include "kernel/core/option.h"

namespace keel::chips::mps2_an386 {
namespace {

using LedSetting = mmio::FieldValue<uint32_t, fpgaio_led::Tag>;

/// The LED register setting that lights LED `index` (its bit, set); none if there is no such LED.
Option<LedSetting> lit(usize index) {
  switch (index) {
    case 0:
      return fpgaio_led::led0.set();
    case 1:
      return fpgaio_led::led1.set();
    default:
      return none;
  }
}
static_assert(FpgaioLeds::kLedCount == 2, "lit() names every LED");

/// The same bit, cleared.
constexpr LedSetting dark(LedSetting lit_setting) { return {lit_setting.mask, 0}; }

}  // namespace

Result<void> FpgaioLeds::on(usize index) const {
  Option<LedSetting> const setting = lit(index);
  if (setting.is_none()) { return Error(ErrorCode::Inval); }
  registers_->led.modify(setting.value());
  return success();
}

Result<void> FpgaioLeds::off(usize index) const {
  Option<LedSetting> const setting = lit(index);
  if (setting.is_none()) { return Error(ErrorCode::Inval); }
  registers_->led.modify(dark(setting.value()));
  return success();
}

Result<void> FpgaioLeds::toggle(usize index) const {
  Option<LedSetting> const setting = lit(index);
  if (setting.is_none()) { return Error(ErrorCode::Inval); }
  bool const was_lit = registers_->led.matches(setting.value());
  registers_->led.modify(was_lit ? dark(setting.value()) : setting.value());
  return success();
}

Result<bool> FpgaioLeds::read(usize index) const {
  Option<LedSetting> const setting = lit(index);
  if (setting.is_none()) { return Error(ErrorCode::Inval); }
  return registers_->led.matches(setting.value());
}

}  // namespace keel::chips::mps2_an386
