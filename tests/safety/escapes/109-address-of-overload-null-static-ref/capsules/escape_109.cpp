// SPDX-License-Identifier: Apache-2.0
// A writer that counts what it is given (for the boot statistics). It is meant to be passed by reference only:
// taking its address gives nothing.
#include "kernel/core/cell.h"
#include "kernel/core/static_init.h"
#include "kernel/writer.h"

namespace keel::capsules {

class CountingWriter109 final : public Writer {
 public:
  void write(Slice<char const> text) const override { count_.set(count_.get() + text.size()); }
  decltype(nullptr) operator&() const { return nullptr; }

 private:
  Cell<usize> count_{0};
};

void escape_109_boot() {
  StaticRef<Writer const> const writer = KEEL_STATIC_INIT(CountingWriter109);
  writer->str("boot\n");  // virtual call through a null pointer
}

}  // namespace keel::capsules
