// SPDX-License-Identifier: Apache-2.0
// The frame builder: a 4-byte header whose last byte is the mode.
#include "capsules/escape_470_mode.h"
#include "kernel/core/array.h"

namespace keel::capsules {

namespace {
struct Header470 {
  Array<uint8_t, 3> address{};
  RadioMode470 mode{RadioMode470::off};
};
}  // namespace

uint32_t header_checksum_470(uint32_t command_word) {
  Header470 header{};
  decode_mode_470(command_word, header.mode);  // a 4-byte store into the header's last byte: 3 bytes past it
  return header.address[0] + static_cast<uint32_t>(header.mode);
}

}  // namespace keel::capsules
