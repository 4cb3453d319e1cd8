// SPDX-License-Identifier: Apache-2.0
// In-place reset of records kept in grant-like storage.
#include "kernel/core/array.h"
#include "kernel/core/result.h"
#include "kernel/grant.h"

namespace keel::capsules {

struct Record51 {
  Array<uint32_t, 16> words{};
};

void escape_51_reset(Array<uint32_t, 2>& slot) { KEEL_CONCAT(ne, w) (kPlacement, &slot) Record51{}; }

}  // namespace keel::capsules
