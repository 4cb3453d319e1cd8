// SPDX-License-Identifier: Apache-2.0
#include "capsules/escape_476_tally.h"

namespace keel::capsules {

void Tally476::total(uint32_t& out) const { out = sum_.get(); }

uint32_t Tally476::note(uint32_t sample) const {
  sum_.set(sum_.get() + sample);
  return sum_.get();
}

}  // namespace keel::capsules
