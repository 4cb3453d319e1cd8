// SPDX-License-Identifier: Apache-2.0
// Reply status for a sensor capsule.
#include "kernel/core/array.h"
#include "kernel/core/option.h"
#include "kernel/core/slice.h"

namespace keel::capsules {

struct Reply410 {
  Array<uint8_t, 8> bytes{};
  uint8_t& status() { return bytes[1]; }
};

Option<uint8_t&> escape_410_status(uint8_t kind) {
  Reply410 reply{};
  reply.bytes[1] = kind;
  uint8_t& status = reply.status();
  return status;
}

uint8_t escape_410_update(uint8_t kind, uint8_t fill) {
  Option<uint8_t&> const status = escape_410_status(kind);
  if (status.is_none()) { return 0; }
  status.value() = fill;  // the reply was the callee's local: this writes its dead frame
  return status.value();
}

}  // namespace keel::capsules
