// SPDX-License-Identifier: Apache-2.0
// A driver's status bytes, built fresh for each command, and one of them handed back to set.
#include "kernel/core/annotations.h"
#include "kernel/core/array.h"
#include "kernel/core/slice.h"
#include "kernel/core/types.h"

namespace keel::capsules {

struct Status453 {
  Array<uint8_t, 8> bytes{};
};

/// The bytes of `status` (a view into it, so lifetimebound).
Slice<uint8_t> bytes_of_453(Status453& status KEEL_LIFETIMEBOUND) { return status.bytes.as_slice(); }

/// Byte `index` of a fresh status for `kind` (checked: the Slice's operator[] panics past the end).
uint8_t& status_byte_453(uint8_t kind, uint32_t index) {
  Status453 status{};
  status.bytes[0] = kind;
  return bytes_of_453(status)[index];
}

/// A process's command: sets byte `index` of the status to `value`, through the reference into the returned
/// function's frame (use after return: a write at a process-chosen offset below this frame's stack pointer, where the
/// next call's frame goes).
void set_status_453(uint8_t kind, uint32_t index, uint8_t value) { status_byte_453(kind, index % 8) = value; }

}  // namespace keel::capsules
