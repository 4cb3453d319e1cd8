// SPDX-License-Identifier: Apache-2.0
// The scratch driver's halt: a friend of the register block it resets (so it may reset it), defined after it.
#include <stdint.h>

namespace keel::capsules {

class ScratchBlock478 {
  friend void halt_scratch_478(uint32_t index);
};

void (halt_scratch_478)(uint32_t /*index*/) {}  // resets nothing yet: returns

}  // namespace keel::capsules
