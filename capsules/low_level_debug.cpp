// SPDX-License-Identifier: Apache-2.0
#include "capsules/low_level_debug.h"

#include "kernel/core/array.h"

namespace keel::capsules {
namespace {

/// "0x" and the value's hex digits without leading zeros (0 is "0x0"), as Tock prints these lines.
void write_hex(Writer const& out, uint32_t value) {
  Array<char, 10> text{{'0', 'x'}};
  usize digits = 1;
  while (digits < 8 && (value >> (4U * digits)) != 0) { ++digits; }
  for (usize i = 0; i < digits; ++i) {
    uint32_t const nibble = (value >> (4U * (digits - 1 - i))) & 0xfU;
    text[2 + i] = static_cast<char>(nibble < 10 ? '0' + nibble : 'a' + (nibble - 10));
  }
  out.text(text.as_slice().first(2 + digits));
}

}  // namespace

CommandReturn LowLevelDebug::command(uint32_t command_number, uint32_t arg0, uint32_t arg1, ProcessId pid) const {
  if (command_number == 0) { return CommandReturn::success(); }
  if (command_number < 1 || command_number > 3) { return CommandReturn::failure(ErrorCode::NoSupport); }
  out_->str("LowLevelDebug: App ");
  write_hex(out_, pid.identifier);
  if (command_number == 1) {
    out_->str(" alert code ");
    write_hex(out_, arg0);
  } else {
    out_->str(" prints ");
    write_hex(out_, arg0);
    if (command_number == 3) {
      out_->ch(' ');
      write_hex(out_, arg1);
    }
  }
  out_->ch('\n');
  return CommandReturn::success();
}

}  // namespace keel::capsules
