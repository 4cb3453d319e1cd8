// SPDX-License-Identifier: Apache-2.0
// Text as the kernel passes it around: a Slice<char const> over a string literal, without its terminating NUL.
#pragma once

#include "kernel/core/slice.h"

namespace keel {

template <usize N> constexpr Slice<char const> text(char const (&literal KEEL_LIFETIMEBOUND)[N]) {
  return Slice<char const>(literal).first(N - 1);
}

}  // namespace keel
