// SPDX-License-Identifier: Apache-2.0
// Hex formatting for fault reports.
#include "kernel/core/array.h"
#include "kernel/core/slice.h"

namespace keel {

/// `value` as 8 hex digits.
Slice<char const> escape_23_hex(uint32_t value) {
  Array<char, 8> digits{};
  for (usize i = 0; i < digits.size(); ++i) {
    uint32_t const nibble = (value >> (28U - 4U * i)) & 0xFU;
    digits[i] = static_cast<char>(nibble < 10 ? '0' + nibble : 'a' + (nibble - 10));
  }
  return digits.as_slice();
}

}  // namespace keel
