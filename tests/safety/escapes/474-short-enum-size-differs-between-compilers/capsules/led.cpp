// SPDX-License-Identifier: Apache-2.0
#include "capsules/led.h"
#include "kernel/core/move.h"

namespace keel::capsules {

namespace {

/// How an LED controller register is driven: the controller's own encoding.
enum LedDrive474 { kDriveLow474, kDriveHigh474 };

template <typename R> struct LedRegister474 {
  using Word = decltype(declval<R>().operator->());
};

/// Bring-up writes to controllers whose drive field is narrower than a word: straight to the register.
template <usize DriveBytes> struct LedPoke474 {
  template <typename R = StaticRef<uint32_t>> static void poke(uint32_t address, uint32_t value) {
    using Word = typename LedRegister474<R>::Word;
    *Word(address) = value;
  }
};

/// A word-wide drive field belongs to the GPIO driver below the HIL: not written from a command.
template <> struct LedPoke474<4> {
  template <typename R = StaticRef<uint32_t>> static void poke(uint32_t /*address*/, uint32_t /*value*/) {}
};

/// Command 9 (bring-up only): write arg1 to the LED controller register at arg0.
constexpr uint32_t kPokeCommand474 = 9;

}  // namespace

LedDriver::LedDriver(StaticRef<hil::led::Leds const> leds) : leds_(leds) {
  for (usize index = 0; index < leds_->count(); ++index) { (void)leds_->off(index); }
}

CommandReturn LedDriver::command(uint32_t command_number, uint32_t arg0, uint32_t arg1, ProcessId /*pid*/) const {
  if (command_number == kPokeCommand474) {
    LedPoke474<sizeof(LedDrive474)>::poke(arg0, arg1);
    return CommandReturn::success();
  }
  if (command_number == Command::kCount) { return CommandReturn::success_u32(static_cast<uint32_t>(leds_->count())); }
  if (command_number > Command::kToggle) { return CommandReturn::failure(ErrorCode::NoSupport); }
  // The HIL checks the index too; checking here first answers Inval without touching the hardware.
  if (arg0 >= leds_->count()) { return CommandReturn::failure(ErrorCode::Inval); }
  usize const index = arg0;
  Result<void> result = success();
  switch (command_number) {
    case Command::kOn:
      result = leds_->on(index);
      break;
    case Command::kOff:
      result = leds_->off(index);
      break;
    default:
      result = leds_->toggle(index);
      break;
  }
  if (result.is_error()) { return CommandReturn::failure(result.error()); }
  return CommandReturn::success();
}

}  // namespace keel::capsules
