// SPDX-License-Identifier: Apache-2.0
// Early low-level debug: before the UART is up, debug output goes nowhere.
#include "capsules/low_level_debug.h"
#include "kernel/core/static_init.h"

namespace keel::capsules {

class NullWriter37 final : public Writer {
 public:
  void write(Slice<char const> /*text*/) const override {}
};

LowLevelDebug& escape_37_early_debug() { return KEEL_STATIC_INIT(LowLevelDebug, NullWriter37{}); }

}  // namespace keel::capsules
