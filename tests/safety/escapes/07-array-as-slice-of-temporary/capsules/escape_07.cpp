// SPDX-License-Identifier: Apache-2.0
// Banner of a console-like capsule.
#include "kernel/core/array.h"
#include "kernel/writer.h"

namespace keel::capsules {

Array<char, 6> escape_07_banner() { return {{'k', 'e', 'e', 'l', ':', ' '}}; }

void escape_07_greet(Writer const& out) {
  Slice<char const> const banner = escape_07_banner().as_slice();
  out.text(banner);
}

}  // namespace keel::capsules
