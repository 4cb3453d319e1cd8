// SPDX-License-Identifier: Apache-2.0
// A status record copied out to a process: built empty, or from a seed a caller gives.
#include "kernel/core/array.h"
#include "kernel/core/slice.h"

namespace keel::capsules {

class Status336 {
 public:
  [[gnu::noinline]] Status336() : Status336(bytes_) {}  // empty: delegates to the seeded form
  [[gnu::noinline]] explicit Status336(Array<uint8_t, 16> const& seed) : bytes_(seed) {}
  Slice<uint8_t const> bytes() const KEEL_LIFETIMEBOUND { return bytes_.as_slice(); }

 private:
  Array<uint8_t, 16> bytes_;
};

usize report_status_336(Slice<uint8_t> process_buffer) {
  Status336 const status;
  return process_buffer.copy_from(status.bytes());
}

}  // namespace keel::capsules
