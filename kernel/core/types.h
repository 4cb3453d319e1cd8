// SPDX-License-Identifier: Apache-2.0
// Fixed-width integer types. Kernel code includes no C++ standard library header: only the compiler's own
// freestanding headers, so that the same source builds for every target, even one whose toolchain ships no libstdc++.
//
// TRUSTED: every trusted length and index is a usize.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace keel {

using usize = size_t;

}  // namespace keel
