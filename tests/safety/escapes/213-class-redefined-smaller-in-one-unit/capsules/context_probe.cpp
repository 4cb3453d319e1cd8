// SPDX-License-Identifier: Apache-2.0
// A bring-up probe: starts a throwaway context to see what a process's first registers would be.
#include "kernel/switch_reason.h"

namespace keel::arch {

// Only what the probe needs (the real class is arch/rv32/keel_arch/user_context.h).
class UserContext {
 public:
  void initialize(ProcessStart const& start);
  uint32_t first_word() const { return first_word_; }

 private:
  uint32_t first_word_ = 0;
};

}  // namespace keel::arch

namespace keel::capsules {

uint32_t probe_first_word(ProcessStart const& start) {
  arch::UserContext context;
  context.initialize(start);
  return context.first_word();
}

}  // namespace keel::capsules
