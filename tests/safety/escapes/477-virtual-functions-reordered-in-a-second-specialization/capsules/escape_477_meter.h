// SPDX-License-Identifier: Apache-2.0
// Per-width meters shared by the console and the sensors: note() adds a sample, total() reads the sum. The 32-bit
// meter is a specialization of its own (it counts in a cell).
#pragma once

#include <stdint.h>

#include "kernel/core/cell.h"

namespace keel::capsules {

template <typename Word> class Meter477 {
 public:
  Word width() const { return Word{}; }
};

template <> class Meter477<uint32_t> {
 public:
  virtual void total(uint32_t& out) const;
  virtual uint32_t note(uint32_t sample) const;

 protected:
  ~Meter477() = default;

 private:
  Cell<uint32_t> sum_{0};
};

}  // namespace keel::capsules
