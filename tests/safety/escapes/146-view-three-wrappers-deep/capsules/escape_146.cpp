// SPDX-License-Identifier: Apache-2.0
// A reply prepared at command time, sent from the next interrupt (an optional, optionally framed, optional buffer).
#include "kernel/core/array.h"
#include "kernel/core/cell.h"
#include "kernel/core/option.h"
#include "kernel/core/slice.h"

namespace keel::capsules {

using Deep146 = Option<Option<Option<Slice<uint8_t>>>>;

struct Pending146 {
  uint32_t sequence = 0;
  Deep146 reply{};
};

class Replier146 {
 public:
  void arm(uint32_t sequence) const {
    Array<uint8_t, 16> reply{};
    pending_.set(Pending146{sequence, Deep146(Option<Option<Slice<uint8_t>>>(Option<Slice<uint8_t>>(reply.as_slice())))});
  }
  void fire(uint8_t value) const {
    Pending146 const pending = pending_.get();
    if (pending.reply.is_some() && pending.reply.value().is_some() && pending.reply.value().value().is_some()) {
      Slice<uint8_t> const reply = pending.reply.value().value().value();
      for (usize i = 0; i < reply.size(); ++i) { reply[i] = value; }
    }
  }

 private:
  Cell<Pending146> pending_{};
};

}  // namespace keel::capsules
