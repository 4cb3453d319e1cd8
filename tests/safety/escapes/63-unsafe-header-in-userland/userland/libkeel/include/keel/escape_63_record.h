// SPDX-License-Identifier: Apache-2.0
// Record layout shared by the app library and the kernel's record capsule.
#pragma once
#include <stdint.h>

struct keel_record_63 {
  uint32_t length;
  uint32_t flags;
};

#ifdef __cplusplus
inline keel_record_63& keel_record_63_at(uint32_t address) {
  return *reinterpret_cast<keel_record_63*>(static_cast<uintptr_t>(address));
}
#endif
