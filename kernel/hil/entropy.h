// SPDX-License-Identifier: Apache-2.0
// Entropy source hardware interface (a true random number generator): delivers raw entropy bytes in batches until
// the client says it has enough. Split-phase: `get` starts, `entropy_available` delivers, never from inside `get`.
#pragma once

#include "kernel/core/ref.h"
#include "kernel/core/result.h"
#include "kernel/core/slice.h"

namespace keel::hil::entropy {

enum class Continue { More, Done };

class Client {
 public:
  /// Entropy bytes are ready (valid only during the call). Return More to receive another batch, Done to stop.
  virtual Continue entropy_available(Slice<uint8_t const> bytes, Result<void> status) const = 0;

 protected:
  ~Client() = default;
};

class Entropy {
 public:
  virtual void set_client(StaticRef<Client const> client) const = 0;
  /// Starts delivering entropy. Errors: Off (device absent or failed).
  virtual Result<void> get() const = 0;
  /// Stops delivery; success when no further callback will come.
  virtual Result<void> cancel() const = 0;

 protected:
  ~Entropy() = default;
};

}  // namespace keel::hil::entropy
