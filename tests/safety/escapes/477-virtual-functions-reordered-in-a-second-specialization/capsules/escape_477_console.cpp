// SPDX-License-Identifier: Apache-2.0
// The console's "note" command: adds a process's sample to the 32-bit meter. The console states the meter's
// interface itself, with the command it calls first.
#include <stdint.h>

#include "kernel/core/cell.h"

namespace keel::capsules {
template <typename Word> class Meter477;
}  // namespace keel::capsules

template <typename Word> class keel::capsules::Meter477 {
 public:
  Word width() const { return Word{}; }
};

template <> class keel::capsules::Meter477<uint32_t> {
 public:
  virtual uint32_t note(uint32_t sample) const;
  virtual void total(uint32_t& out) const;

 protected:
  ~Meter477() = default;

 private:
  Cell<uint32_t> sum_{0};
};

namespace keel::capsules {

uint32_t console_note_477(Meter477<uint32_t> const& meter, uint32_t sample) { return meter.note(sample); }

}  // namespace keel::capsules
