// SPDX-License-Identifier: Apache-2.0
// Deferred calls: a driver or capsule that must not call its client back from inside the client's own call (HIL
// rule: callbacks never re-enter the caller) schedules a DeferredCall; the kernel loop runs it later, from the top.
//
// Setup: each DeferredCall is created once (a member of a static driver) and takes a slot in a fixed table of
// kMaxDeferredCalls entries (more is a wiring bug: kernel panic); the board then binds the client it will call,
// as a StaticRef (the table outlives every call).
// Usage: `deferred_.set();` ... later the kernel calls `client.handle_deferred_call()`.
#pragma once

#include "kernel/core/cell.h"
#include "kernel/core/ref.h"
#include "kernel/core/types.h"

namespace keel {

class DeferredCallClient {
 public:
  virtual void handle_deferred_call() const = 0;

 protected:
  ~DeferredCallClient() = default;
};

class DeferredCall {
 public:
  static constexpr usize kMaxDeferredCalls = 32;

  DeferredCall();
  DeferredCall(DeferredCall const&) = delete;
  DeferredCall& operator=(DeferredCall const&) = delete;

  /// The client this call runs (board wiring, once).
  void bind(StaticRef<DeferredCallClient const> client) const;
  /// Schedules one call of the client; setting an already-pending call is a no-op.
  void set() const;
  bool is_pending() const;

  /// Whether any deferred call is pending (the kernel loop does not sleep while one is).
  static bool has_pending() { return pending_.get() != 0; }
  /// Runs every call pending at entry, lowest index first. Calls set while running wait for the next round.
  /// Inline: the kernel loop asks on every trip, and nearly always nothing is pending.
  static void service_pending() {
    if (has_pending()) { service_due(); }
  }

 private:
  static void service_due();

  /// One bit per registered call (the mask_ of each). Constant-initialised: no constructor or guard at boot.
  static constinit inline Cell<uint32_t> pending_{0};

  uint32_t index_;
  uint32_t mask_;
};

}  // namespace keel
