// SPDX-License-Identifier: Apache-2.0
// Error recovery for a parser: a malformed input jumps back to the recovery point.
#include "kernel/core/array.h"

namespace keel {

class Recovery96 {
 public:
  bool arm() { return __builtin_setjmp(context_.begin()) == 0; }
  [[noreturn]] void bail() { __builtin_longjmp(context_.begin(), 1); }

 private:
  Array<void*, 5> context_{};
};

void escape_96_parse(Recovery96& recovery, uint32_t byte) {
  if (byte > 0x7F) { recovery.bail(); }  // arm() returned long ago
}

}  // namespace keel
