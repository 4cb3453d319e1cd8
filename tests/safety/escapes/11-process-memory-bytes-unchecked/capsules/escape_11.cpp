// SPDX-License-Identifier: Apache-2.0
// CRC of a range of the caller's memory without an allow: command(1, address, length).
#include "kernel/process_memory.h"
#include "kernel/syscall.h"

namespace keel::capsules {

class Crc11 {
 public:
  CommandReturn command(uint32_t command_number, uint32_t address, uint32_t length) const {
    if (command_number == 0) { return CommandReturn::success(); }
    if (command_number != 1) { return CommandReturn::failure(ErrorCode::NoSupport); }
    uint32_t crc = 0xFFFF'FFFFU;
    for (uint8_t const byte : process_memory::const_bytes(address, length)) {
      crc = (crc >> 8) ^ (0xEDB8'8320U * ((crc ^ byte) & 1U));
    }
    return CommandReturn::success_u32(~crc);
  }
};

}  // namespace keel::capsules
