// SPDX-License-Identifier: Apache-2.0
// Restart with the allow kept: a process that asks for a restart keeps its read-write allow (the new run finds its
// buffer registered), and its log sink is set up at once.
#include "kernel/grant.h"
#include "kernel/process.h"
#include "kernel/writer.h"

namespace keel {

struct EscapeAllows {
  uint32_t generation = 0;
};

struct EscapeSink {
  OptionalStaticRef<Writer const> sink{};
  uint32_t written = 0;
  uint32_t dropped = 0;
  uint32_t flags = 0;
};

using EscapeAllowGrant = Grant<EscapeAllows, 0, 0, 1>;  // allocation: 8 (slot) + 4, rounded to 16
using EscapeSinkGrant = Grant<EscapeSink, 0, 0, 0>;     // allocation: 16

void escape_111_restart_keeping_allow(Process& process, EscapeAllowGrant const& allows, EscapeSinkGrant const& sinks,
                                      StaticRef<Writer const> default_sink, uint32_t identifier) {
  Result<GrantKernelData> data = allows.kernel_data(process);
  if (data.is_error()) { return; }
  Option<AllowSlot&> slot = data.value().read_write_slot(0);
  if (slot.is_none()) { return; }
  AllowSlot const kept = slot.value();

  process.start(identifier);  // grants dropped: the sink grant is carved where the allows grant was
  (void)sinks.enter(process.id(), [&](EscapeSink& sink, GrantKernelData const&) { sink.sink = default_sink; });

  slot.value() = kept;  // lands on EscapeSink::sink: the process's `address` is now a "static" Writer

  (void)sinks.enter(process.id(), [](EscapeSink& sink, GrantKernelData const&) {
    if (sink.sink.is_some()) { sink.sink.get().str("restarted\n"); }
  });
}

}  // namespace keel
