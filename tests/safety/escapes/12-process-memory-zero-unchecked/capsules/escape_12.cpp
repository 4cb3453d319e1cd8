// SPDX-License-Identifier: Apache-2.0
// Fast memclear for apps: command(1, address, length) zeroes the range with word stores.
#include "kernel/process_memory.h"
#include "kernel/syscall.h"

namespace keel::capsules {

class MemClear12 {
 public:
  CommandReturn command(uint32_t command_number, uint32_t address, uint32_t length) const {
    if (command_number == 0) { return CommandReturn::success(); }
    if (command_number != 1 || (address & 3U) != 0) { return CommandReturn::failure(ErrorCode::Inval); }
    process_memory::zero(address, length);
    return CommandReturn::success();
  }
};

}  // namespace keel::capsules
