// SPDX-License-Identifier: Apache-2.0
#include "kernel/deferred_call.h"

#include "kernel/core/array.h"
#include "kernel/core/panic.h"

namespace keel {
namespace {

// The registry is global because deferred calls are a kernel-wide service, like the interrupt table.
struct Registry {
  Array<OptionalStaticRef<DeferredCallClient const>, DeferredCall::kMaxDeferredCalls> clients{};
  Cell<uint32_t> count{0};
};

// Constant-initialised (no guard variable, no constructor at boot): checked on every system call.
constinit Registry the_registry{};

Registry& registry() { return the_registry; }

uint32_t take_slot() {
  Registry& r = registry();
  uint32_t const index = r.count.get();
  if (index >= DeferredCall::kMaxDeferredCalls) { KEEL_PANIC("too many deferred calls"); }
  r.count.set(index + 1);
  return index;
}

}  // namespace

DeferredCall::DeferredCall() : index_(take_slot()), mask_(1U << index_) {}

void DeferredCall::bind(StaticRef<DeferredCallClient const> client) const { registry().clients[index_] = client; }

void DeferredCall::set() const { pending_.set(pending_.get() | mask_); }

bool DeferredCall::is_pending() const { return (pending_.get() & mask_) != 0; }

void DeferredCall::service_due() {
  Registry& r = registry();
  uint32_t const due = pending_.get();
  for (uint32_t index = 0; index < r.count.get(); ++index) {
    uint32_t const bit = 1U << index;
    if ((due & bit) == 0) { continue; }
    pending_.set(pending_.get() & ~bit);
    OptionalStaticRef<DeferredCallClient const> const client = r.clients[index];
    if (client.is_some()) { client->handle_deferred_call(); }
  }
}

}  // namespace keel
