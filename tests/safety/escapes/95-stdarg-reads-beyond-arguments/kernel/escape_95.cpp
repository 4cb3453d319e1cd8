// SPDX-License-Identifier: Apache-2.0
// printf-style hex dump for the debug writer.
#include <stdarg.h>

#include "kernel/writer.h"

namespace keel {

void escape_95_hex(Writer const& out, int count, ...) {
  va_list arguments;
  va_start(arguments, count);
  for (int i = 0; i < count; ++i) { out.hex(va_arg(arguments, uint32_t)); }
  va_end(arguments);
}

void escape_95_report(Writer const& out, uint32_t count, uint32_t value) {
  escape_95_hex(out, static_cast<int>(count), value);
}

}  // namespace keel
