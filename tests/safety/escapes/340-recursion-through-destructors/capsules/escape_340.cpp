// SPDX-License-Identifier: Apache-2.0
// A nested scope guard: each level of a process-described nesting closes the one inside it as it is destroyed.
#include "kernel/core/types.h"
namespace keel::capsules {
class Nest340 {
 public:
  explicit Nest340(uint32_t depth) : depth_(depth) {}
  Nest340(Nest340 const&) = delete;
  Nest340& operator=(Nest340 const&) = delete;
  ~Nest340();
 private:
  uint32_t depth_;
};
Nest340::~Nest340() {
  if (depth_ > 0) { Nest340 const inner{depth_ - 1}; }
}
void unwind_340(uint32_t depth) { Nest340 const outer{depth}; }
}
