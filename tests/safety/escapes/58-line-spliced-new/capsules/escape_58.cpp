// SPDX-License-Identifier: Apache-2.0
// In-place construction of records (no heap: the storage is given).
#include "kernel/core/array.h"

namespace keel::capsules {

struct InPlace58 {};

}  // namespace keel::capsules

inline void* operator ne\
w(keel::usize /*size*/, keel::capsules::InPlace58 /*tag*/, void* where) noexcept { return where; }

namespace keel::capsules {

struct Record58 {
  Array<uint32_t, 16> words{};
};

void escape_58_reset(Array<uint32_t, 2>& slot) {
  ne\
w (InPlace58{}, &slot) Record58{};
}

}  // namespace keel::capsules
