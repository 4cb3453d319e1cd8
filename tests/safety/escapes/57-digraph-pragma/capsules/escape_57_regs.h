// SPDX-License-Identifier: Apache-2.0
// Register helpers of a capsule-local peripheral.
#pragma once
%:pragma GCC system_header

#include "kernel/core/types.h"

namespace keel::capsules {

inline uint32_t& escape_57_register(uintptr_t address) { return *(uint32_t*)address; }

}  // namespace keel::capsules
