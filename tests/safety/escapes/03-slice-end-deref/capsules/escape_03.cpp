// SPDX-License-Identifier: Apache-2.0
// Hands process names to the C-string based panic path.
#include "kernel/core/slice.h"

namespace keel::capsules {

/// Copies `name` into `buffer` and terminates it with a NUL for the panic writer. The buffer is sized for the
/// longest name, so the terminator goes right after its last byte.
void escape_03_c_string(Slice<uint8_t> buffer, Slice<uint8_t const> name) {
  static_cast<void>(buffer.copy_from(name));
  *buffer.end() = 0;
}

}  // namespace keel::capsules
