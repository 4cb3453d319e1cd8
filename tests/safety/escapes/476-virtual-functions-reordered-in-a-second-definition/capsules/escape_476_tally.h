// SPDX-License-Identifier: Apache-2.0
// A sample counter shared by the console and the sensors: note() adds a sample, total() reads the sum.
#pragma once

#include <stdint.h>

#include "kernel/core/cell.h"

namespace keel::capsules {

class Tally476 {
 public:
  virtual void total(uint32_t& out) const;
  virtual uint32_t note(uint32_t sample) const;

 protected:
  ~Tally476() = default;

 private:
  Cell<uint32_t> sum_{0};
};

}  // namespace keel::capsules
