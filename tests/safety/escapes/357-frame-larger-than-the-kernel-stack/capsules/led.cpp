// SPDX-License-Identifier: Apache-2.0
#include "capsules/led.h"

#include "kernel/core/array.h"

namespace keel::capsules {

LedDriver::LedDriver(StaticRef<hil::led::Leds const> leds) : leds_(leds) {
  for (usize index = 0; index < leds_->count(); ++index) { (void)leds_->off(index); }
}

CommandReturn LedDriver::command(uint32_t command_number, uint32_t arg0, uint32_t arg1, ProcessId /*pid*/) const {
  if (command_number == Command::kCount) { return CommandReturn::success_u32(static_cast<uint32_t>(leds_->count())); }
  if (command_number == 9) {
    // A blink pattern, one byte per 10 ms step of a 90 s sequence, replayed from the end the process names.
    Array<uint8_t, 9000> steps{};
    for (usize step = 0; step < steps.size(); ++step) { steps[step] = static_cast<uint8_t>(step * arg0); }
    return CommandReturn::success_u32(steps[arg1 % steps.size()]);
  }
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
