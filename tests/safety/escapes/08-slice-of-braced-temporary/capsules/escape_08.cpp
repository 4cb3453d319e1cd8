// SPDX-License-Identifier: Apache-2.0
// A greeting printed on every process start.
#include "kernel/core/slice.h"
#include "kernel/writer.h"

namespace keel::capsules {

class Greeter08 {
 public:
  explicit Greeter08(Writer const& out) : out_(out), greeting_({'h', 'e', 'l', 'l', 'o', '\n'}) {}
  void greet() const { out_.text(greeting_); }

 private:
  Writer const& out_;
  Slice<char const> greeting_;
};

void escape_08_boot(Writer const& out) {
  Greeter08 const greeter(out);
  greeter.greet();
}

}  // namespace keel::capsules
