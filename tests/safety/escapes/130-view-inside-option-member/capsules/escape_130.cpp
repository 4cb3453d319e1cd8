// SPDX-License-Identifier: Apache-2.0
// A capsule that answers a later interrupt into a reply buffer prepared at command time.
#include "kernel/core/array.h"
#include "kernel/core/cell.h"
#include "kernel/core/option.h"
#include "kernel/core/slice.h"

namespace keel::capsules {

struct PendingReply130 {
  uint32_t sequence = 0;
  Option<Slice<uint8_t>> reply{};
};

class Replier130 {
 public:
  void arm(uint32_t sequence) const {
    Array<uint8_t, 16> reply{};
    pending_.set(PendingReply130{sequence, Option<Slice<uint8_t>>(reply.as_slice())});
  }
  void fire(uint8_t value) const {
    PendingReply130 const pending = pending_.get();
    if (pending.reply.is_some()) {
      Slice<uint8_t> const reply = pending.reply.value();
      for (usize i = 0; i < reply.size(); ++i) { reply[i] = value; }
    }
  }

 private:
  Cell<PendingReply130> pending_{};
};

void answer_130(Replier130 const& replier, uint8_t value) {
  replier.arm(1);
  replier.fire(value);
}

}  // namespace keel::capsules
