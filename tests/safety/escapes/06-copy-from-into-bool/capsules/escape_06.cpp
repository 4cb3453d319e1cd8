// SPDX-License-Identifier: Apache-2.0
// LED capsule: a process sets every LED at once with one byte per LED.
#include "kernel/core/array.h"
#include "kernel/core/slice.h"

namespace keel::capsules {

class Leds06 {
 public:
  void set_all(Slice<uint8_t const> states) { static_cast<void>(on_.as_slice().copy_from(states)); }
  /// The GPIO pattern for one LED.
  uint32_t pattern(usize led) const { return kPatterns[on_[led]]; }

 private:
  static constexpr Array<uint32_t, 2> kPatterns{{0x0000'0000U, 0xFFFF'FFFFU}};
  Array<bool, 8> on_{};
};

}  // namespace keel::capsules
