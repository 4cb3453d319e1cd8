// SPDX-License-Identifier: Apache-2.0
#include "kernel/writer.h"

#include "kernel/core/array.h"

namespace keel {

Writer const& Writer::ch(char c) const {
  Array<char, 1> one{{c}};
  write(one.as_slice());
  return *this;
}

Writer const& Writer::bytes_as_text(Slice<uint8_t const> bytes) const {
  // In chunks: one write per chunk, not per byte (each write has a fixed cost in the writer behind).
  Array<char, 32> chunk{};
  usize used = 0;
  for (uint8_t b : bytes) {
    chunk[used++] = b >= 0x20 && b < 0x7f ? static_cast<char>(b) : '?';
    if (used == chunk.size()) {
      write(chunk.as_slice());
      used = 0;
    }
  }
  if (used != 0) { write(chunk.as_slice().first(used)); }
  return *this;
}

Writer const& Writer::hex(uint32_t value) const {
  Slice<char const> const digits("0123456789abcdef");
  Array<char, 10> text{{'0', 'x'}};
  for (usize i = 0; i < 8; ++i, value >>= 4) { text[9 - i] = digits[value & 0xfU]; }  // lowest nibble last
  write(text.as_slice());
  return *this;
}

Writer const& Writer::dec(uint32_t value) const {
  Array<char, 10> digits{};
  usize count = 0;
  do {
    digits[digits.size() - 1 - count] = static_cast<char>('0' + value % 10);
    value /= 10;
    ++count;
  } while (value != 0);
  write(digits.as_slice().skip(digits.size() - count));
  return *this;
}

}  // namespace keel
