// SPDX-License-Identifier: Apache-2.0
// A bring-up probe: runs a process once with a hand-made register set, to see where it traps.
#include "kernel/core/types.h"
#include "kernel/process_memory.h"

namespace keel::arch {
// The probe's own, smaller view of the saved registers (the probe only wants the PSP and the cause), and the
// entry, declared for it: this unit never includes assembly_entry.h, so its layout checks do not run here.
struct SavedState {
  uint32_t psp = 0;
  uint32_t reason = 0;
};
struct ProcessEntry final {
  [[nodiscard]] static bool enter(SavedState& state, ProcessMemory const& memory);
};
}  // namespace keel::arch

namespace keel::capsules {

uint32_t probe_trap(ProcessMemory const& memory, uint32_t stack) {
  arch::SavedState state{};
  state.psp = stack;
  // switch.S stores 100 bytes into this 8-byte object on the stack.
  if (!arch::ProcessEntry::enter(state, memory)) { return 0xFFFF'FFFFU; }
  return state.reason;
}

}  // namespace keel::capsules
