// SPDX-License-Identifier: Apache-2.0
// Writer decorators: a prefixing writer and a counting writer, chained.
#include "kernel/core/cell.h"
#include "kernel/writer.h"

namespace keel::capsules {

class CountingWriter99 final : public Writer {
 public:
  explicit CountingWriter99(Writer const& next) : next_(next) {}
  void write(Slice<char const> text) const override {
    count_.set(count_.get() + text.size());
    next_.write(text);
  }

 private:
  Writer const& next_;
  Cell<usize> count_{0};
};

class PrefixWriter99 final : public Writer {
 public:
  explicit PrefixWriter99(Writer const& next) : next_(next) {}
  void write(Slice<char const> text) const override { next_.write(text); }

 private:
  Writer const& next_;
};

extern PrefixWriter99 const escape_99_prefix;
CountingWriter99 const escape_99_counting{escape_99_prefix};
PrefixWriter99 const escape_99_prefix{escape_99_counting};  // should have been the debug writer

void escape_99_log() { escape_99_prefix.str("boot\n"); }

}  // namespace keel::capsules
