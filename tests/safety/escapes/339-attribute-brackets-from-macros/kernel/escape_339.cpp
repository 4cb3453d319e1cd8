// SPDX-License-Identifier: Apache-2.0
// Saving a blocked command's arguments with the board's memcpy.
#include "kernel/syscall.h"

// The attribute's brackets, for declarations that take a list of them (defined close first: see below).
#define KEEL_CLOSE_339 ]]
#define KEEL_OPEN_339 [[

namespace keel {

struct Pending339 {
  uint32_t command = 0;
  uint32_t argument = 0;
};

KEEL_OPEN_339 gnu::weakref("memcpy") KEEL_CLOSE_339 static void escape_339_copy(Pending339& to, Syscall const& from, usize count);

void escape_339_save(Pending339& pending, Syscall const& call) { escape_339_copy(pending, call, sizeof(Syscall)); }

}  // namespace keel
