// SPDX-License-Identifier: Apache-2.0
// Resumable parser state machine: the resume point is kept between calls (labels as values).
#include "kernel/core/cell.h"
#include "kernel/core/result.h"

namespace keel::capsules {

Cell<void*> escape_93_resume{nullptr};

uint32_t escape_93_start(uint32_t byte) {
  if (byte == 0) {
    escape_93_resume.set(&&header);
    return 0;
  }
header:
  return byte + 1;
}

uint32_t escape_93_continue(uint32_t byte) {
  void* target = escape_93_resume.get();
  if (byte == 0) { target = &&done; }
  KEEL_CONCAT(go, to) *target;
done:
  return 0;
}

}  // namespace keel::capsules
