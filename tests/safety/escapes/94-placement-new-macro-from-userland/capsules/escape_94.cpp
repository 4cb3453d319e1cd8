// SPDX-License-Identifier: Apache-2.0
#include "userland/libkeel/include/keel/escape_94_construct.h"
#include "kernel/core/array.h"

namespace keel::capsules {

struct Record94 {
  Array<uint32_t, 16> words{};
};

void escape_94_reset(Array<uint32_t, 2>& slot) { static_cast<void>(ESCAPE_94_CONSTRUCT(Record94, &slot)); }

}  // namespace keel::capsules
