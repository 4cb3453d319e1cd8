// SPDX-License-Identifier: Apache-2.0
// The LED driver, with per-LED toggle statistics (kept here, beside the code that counts them).
#include "kernel/core/array.h"
#include "kernel/core/cell.h"
#include "kernel/core/ref.h"
#include "kernel/hil/led.h"
#include "kernel/syscall_driver.h"

#define KEEL_RECORD_150 class

namespace keel::capsules {

KEEL_RECORD_150 LedDriver final : public SyscallDriver {
 public:
  static constexpr uint32_t kDriverNumber = 0x2;
  struct Command {
    static constexpr uint32_t kCount = 0;
    static constexpr uint32_t kOn = 1;
    static constexpr uint32_t kOff = 2;
    static constexpr uint32_t kToggle = 3;
    static constexpr uint32_t kToggles = 4;
  };
  explicit LedDriver(StaticRef<hil::led::Leds const> leds);
  LedDriver(LedDriver const&) = delete;
  LedDriver& operator=(LedDriver const&) = delete;
  CommandReturn command(uint32_t command_number, uint32_t arg0, uint32_t arg1, ProcessId pid) const override;
  Option<GrantBase const&> grant() const override { return none; }

 private:
  static constexpr usize kMaxLeds = 64;
  StaticRef<hil::led::Leds const> leds_;
  Array<Cell<uint32_t>, kMaxLeds> toggles_{};
};

LedDriver::LedDriver(StaticRef<hil::led::Leds const> leds) : leds_(leds) {
  for (usize index = 0; index < leds_->count(); ++index) { (void)leds_->off(index); }
}

CommandReturn LedDriver::command(uint32_t command_number, uint32_t arg0, uint32_t /*arg1*/, ProcessId /*pid*/) const {
  if (command_number == Command::kCount) { return CommandReturn::success_u32(static_cast<uint32_t>(leds_->count())); }
  if (command_number == Command::kToggles) {
    Cell<uint32_t> const& count = toggles_[arg0 % kMaxLeds];
    return CommandReturn::success_u32(count.get());
  }
  if (command_number > Command::kToggle) { return CommandReturn::failure(ErrorCode::NoSupport); }
  Cell<uint32_t> const& count = toggles_[arg0 % kMaxLeds];
  count.set(count.get() + 1);
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
