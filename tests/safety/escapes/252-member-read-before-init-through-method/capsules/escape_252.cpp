// SPDX-License-Identifier: Apache-2.0
// A debug relay: writes to a primary writer and remembers it as the fallback.
#include "kernel/core/ref.h"
#include "kernel/writer.h"

namespace keel::capsules {

class Escape252Relay {
 public:
  [[gnu::noinline]] explicit Escape252Relay(StaticRef<Writer const> sink) : fallback_(primary()), primary_(sink) {}
  StaticRef<Writer const> primary() const { return primary_; }
  StaticRef<Writer const> fallback() const { return fallback_; }

 private:
  StaticRef<Writer const> fallback_;
  StaticRef<Writer const> primary_;
};

void escape_252_log(StaticRef<Writer const> sink, Slice<char const> text) {
  Escape252Relay const relay(sink);
  relay.fallback()->write(text);
}

}  // namespace keel::capsules
