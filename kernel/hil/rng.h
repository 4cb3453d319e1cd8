// SPDX-License-Identifier: Apache-2.0
// Random number interface: what capsules consume (the RNG syscall driver), built over an entropy source by
// capsules/rng/random_from_entropy.h. Same split-phase shape as the entropy HIL.
#pragma once

#include "kernel/core/ref.h"
#include "kernel/core/result.h"
#include "kernel/core/slice.h"
#include "kernel/hil/entropy.h"

namespace keel::hil::rng {

using Continue = entropy::Continue;

class Client {
 public:
  /// Random bytes are ready (valid only during the call). More asks for another batch.
  virtual Continue randomness_available(Slice<uint8_t const> bytes, Result<void> status) const = 0;

 protected:
  ~Client() = default;
};

class Rng {
 public:
  virtual void set_client(StaticRef<Client const> client) const = 0;
  virtual Result<void> get() const = 0;
  virtual Result<void> cancel() const = 0;

 protected:
  ~Rng() = default;
};

}  // namespace keel::hil::rng
