// SPDX-License-Identifier: Apache-2.0
// A bounds guard for scratch-register drivers: on a bad index it reports the driver's fault. Strict drivers
// (KEEL_STRICT_GUARD_473 before including this header) treat the report as the end of the command.
#pragma once

#include <stdint.h>

namespace keel::capsules {

class Guard473 {
 public:
#ifdef KEEL_STRICT_GUARD_473
  [[noreturn]] void report(uint32_t index) const;
#else
  void report(uint32_t index) const;
#endif
  uint32_t reports() const { return 0; }
};

}  // namespace keel::capsules
