// SPDX-License-Identifier: Apache-2.0
// Register peek/poke for bringing up a new peripheral from an app: command(1, address, value) writes one register.
#include "kernel/core/mmio.h"
#include "kernel/core/registers.h"
#include "kernel/syscall.h"

namespace keel::capsules {

class PeekPoke10 {
 public:
  CommandReturn command(uint32_t command_number, uint32_t address, uint32_t value) const {
    if (command_number == 0) { return CommandReturn::success(); }
    if (command_number == 1) {
      mmio::map_registers<mmio::ReadWrite<uint32_t>>(address).set(value);
      return CommandReturn::success();
    }
    if (command_number == 2) {
      return CommandReturn::success_u32(mmio::map_registers<mmio::ReadOnly<uint32_t>>(address).get());
    }
    return CommandReturn::failure(ErrorCode::NoSupport);
  }
};

}  // namespace keel::capsules
