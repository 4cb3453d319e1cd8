// SPDX-License-Identifier: Apache-2.0
// Saving a blocked command's arguments with the board's memcpy.
#include "kernel/syscall.h"

namespace keel {

struct Pending91 {
  uint32_t command = 0;
  uint32_t argument = 0;
};

[[gnu::weakref("memcpy")]] static void escape_91_copy(Pending91& to, Syscall const& from, usize count);

void escape_91_save(Pending91& pending, Syscall const& call) { escape_91_copy(pending, call, sizeof(Syscall)); }

}  // namespace keel
