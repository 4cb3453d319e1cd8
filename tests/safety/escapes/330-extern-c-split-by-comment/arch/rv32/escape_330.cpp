// SPDX-License-Identifier: Apache-2.0
// Single-stepping for the debugger: run a process from the debugger's own copy of its registers.
#include "kernel/core/array.h"

extern /* the assembly's own entry, C linkage */ "C" void keel_rv32_switch_to_user(keel::Array<uint32_t, 8>& registers);

namespace keel::arch {

void escape_330_step(Array<uint32_t, 8>& registers) { keel_rv32_switch_to_user(registers); }

}  // namespace keel::arch
