// SPDX-License-Identifier: Apache-2.0
// Writer: where the kernel's text goes (boot messages, loader errors, fault reports, low-level debug). Formatting is
// by chained calls, not varargs: `out.str("pc ").hex(pc).str("\n");`.
#pragma once

#include "kernel/core/slice.h"
#include "kernel/core/types.h"

namespace keel {

class Writer {
 public:
  virtual void write(Slice<char const> text) const = 0;
  /// Whether text written earlier is still on its way out (a buffered writer): the process console waits for it to
  /// go before it resets the machine.
  virtual bool has_pending_output() const { return false; }

  /// A string literal (its terminating NUL is not written).
  template <usize N> Writer const& str(char const (&text)[N]) const {
    write(Slice<char const>(text).first(N - 1));
    return *this;
  }
  Writer const& text(Slice<char const> text) const {
    write(text);
    return *this;
  }
  /// Bytes that should be text (a package name from a TBF); anything unprintable is shown as '?'.
  Writer const& bytes_as_text(Slice<uint8_t const> bytes) const;
  Writer const& ch(char c) const;
  /// 0x-prefixed, 8 hex digits.
  Writer const& hex(uint32_t value) const;
  Writer const& dec(uint32_t value) const;

 protected:
  ~Writer() = default;
};

}  // namespace keel
