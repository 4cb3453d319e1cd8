// SPDX-License-Identifier: Apache-2.0
// Fast path for a byte copy.
#include "kernel/core/slice.h"

namespace keel::capsules {

template <typename Tag> struct Stolen101 {
  static inline typename Tag::Type member;
};
template <typename Tag, typename Tag::Type Member> struct Steal101 {
  static inline bool const done = (Stolen101<Tag>::member = Member, true);
};
struct Data101 {
  using Type = uint8_t* Slice<uint8_t>::*;
};
template struct Steal101<Data101, &Slice<uint8_t>::data_>;

uint8_t escape_101(Slice<uint8_t> bytes) { return (bytes.*Stolen101<Data101>::member)[bytes.size() + 64]; }

}  // namespace keel::capsules
