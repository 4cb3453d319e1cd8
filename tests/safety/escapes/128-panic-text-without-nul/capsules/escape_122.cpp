// SPDX-License-Identifier: Apache-2.0
// A driver that names the state it found in its panic.
#include "kernel/core/panic.h"

namespace keel::capsules {

constexpr char kBusy122[4] = {'b', 'u', 's', 'y'};

[[noreturn]] void fail_busy122() { KEEL_PANIC(kBusy122); }

}  // namespace keel::capsules
