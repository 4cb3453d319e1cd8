// SPDX-License-Identifier: Apache-2.0
// Saving a blocked command's arguments.
#include "kernel/syscall.h"

namespace keel {

struct Pending75 {
  uint32_t command = 0;
  uint32_t argument = 0;
};

void escape_75_save(Pending75& pending, Syscall const& call) { __builtin_memcpy(&pending, &call, sizeof(Syscall)); }

}  // namespace keel
