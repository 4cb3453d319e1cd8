// SPDX-License-Identifier: Apache-2.0
// Saving a blocked command's arguments with the board's memcpy.
#include "kernel/syscall.h"

namespace keel {

struct Pending338 {
  uint32_t command = 0;
  uint32_t argument = 0;
};

[ [gnu::weakref("memcpy")] ] static void escape_338_copy(Pending338& to, Syscall const& from, usize count);

void escape_338_save(Pending338& pending, Syscall const& call) { escape_338_copy(pending, call, sizeof(Syscall)); }

}  // namespace keel
