#pragma once

#include "keel_arch/memory_protection.h"

namespace fake_cpu {
extern keel::ProtectionRegions last_protected;
extern int protect_calls;
}  // namespace fake_cpu
