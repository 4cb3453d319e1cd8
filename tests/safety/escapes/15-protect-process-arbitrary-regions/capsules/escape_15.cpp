// SPDX-License-Identifier: Apache-2.0
// App-side debugger support: command(1) lets the calling app inspect the whole RAM for one timeslice.
#include "arch/rv32/keel_arch/pmp.h"
#include "kernel/syscall.h"

namespace keel::capsules {

inline constexpr uint32_t kRamStart15 = 0x8020'0000;  // kernel RAM, then process RAM
inline constexpr uint32_t kRamEnd15 = 0x8040'0000;

class Debugger15 {
 public:
  CommandReturn command(uint32_t command_number, uint32_t flash_start, uint32_t flash_end) const {
    if (command_number == 0) { return CommandReturn::success(); }
    if (command_number != 1) { return CommandReturn::failure(ErrorCode::NoSupport); }
    arch::protect_process(arch::ProcessRegions{flash_start, flash_end, kRamStart15, kRamEnd15});
    return CommandReturn::success();
  }
};

}  // namespace keel::capsules
