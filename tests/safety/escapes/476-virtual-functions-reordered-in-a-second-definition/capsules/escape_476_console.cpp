// SPDX-License-Identifier: Apache-2.0
// The console's "note" command: adds a process's sample to the shared tally. The console states the tally's
// interface itself, with the command it calls first.
#include <stdint.h>

#include "kernel/core/cell.h"

namespace keel::capsules {
class Tally476;
}  // namespace keel::capsules

namespace keel {

class capsules::Tally476 {
 public:
  virtual uint32_t note(uint32_t sample) const;
  virtual void total(uint32_t& out) const;

 protected:
  ~Tally476() = default;

 private:
  Cell<uint32_t> sum_{0};
};

}  // namespace keel

namespace keel::capsules {

uint32_t console_note_476(Tally476 const& tally, uint32_t sample) { return tally.note(sample); }

}  // namespace keel::capsules
