// SPDX-License-Identifier: Apache-2.0
// The log sinks: the primary one, and a mirror that writes where the primary writes.
#include "kernel/core/static_init.h"
#include "kernel/writer.h"

namespace keel::capsules {

class NullWriter110 final : public Writer {
 public:
  void write(Slice<char const> /*text*/) const override {}
};

struct Sink110 {
  StaticRef<Writer const> writer;
};

StaticRef<Writer const> escape_110_default_writer() { return KEEL_STATIC_INIT(NullWriter110); }

extern Sink110 const escape_110_primary;
Sink110 const escape_110_mirror{escape_110_primary.writer};  // runs first: primary is still zero
Sink110 const escape_110_primary{escape_110_default_writer()};

void escape_110_log() { escape_110_mirror.writer->str("mirror\n"); }

}  // namespace keel::capsules
