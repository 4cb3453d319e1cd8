// SPDX-License-Identifier: Apache-2.0
#include "capsules/escape_477_meter.h"

namespace keel::capsules {

void Meter477<uint32_t>::total(uint32_t& out) const { out = sum_.get(); }

uint32_t Meter477<uint32_t>::note(uint32_t sample) const {
  sum_.set(sum_.get() + sample);
  return sum_.get();
}

}  // namespace keel::capsules
