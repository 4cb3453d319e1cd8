// SPDX-License-Identifier: Apache-2.0
// RandomFromEntropy: offers an entropy source (hil::entropy, a true random number generator) as a random number
// generator (hil::rng), the interface capsules consume. The bytes pass through untouched: hardware entropy is
// already uniformly random for this kernel's purposes, so no whitening or expansion happens here. This is the
// middle of the paper's Figure 1 stack: entropy HIL -> RNG -> syscall driver (capsules/rng_driver.h).
//
// Setup (board):
//   RandomFromEntropy& rng = KEEL_STATIC_INIT(RandomFromEntropy, entropy_source);
//   entropy_source.set_client(rng);
//   rng.set_client(rng_driver);
// Usage (client): exactly the hil::rng::Rng interface.
#pragma once

#include "kernel/core/ref.h"
#include "kernel/core/optional_cell.h"
#include "kernel/hil/entropy.h"
#include "kernel/hil/rng.h"

namespace keel::capsules {

class RandomFromEntropy final : public hil::rng::Rng, public hil::entropy::Client {
 public:
  explicit RandomFromEntropy(StaticRef<hil::entropy::Entropy const> entropy) : entropy_(entropy) {}
  RandomFromEntropy(RandomFromEntropy const&) = delete;
  RandomFromEntropy& operator=(RandomFromEntropy const&) = delete;

  void set_client(StaticRef<hil::rng::Client const> client) const override { client_.set(client); }
  Result<void> get() const override { return entropy_->get(); }
  Result<void> cancel() const override { return entropy_->cancel(); }

  /// Hands the batch on; the client's answer decides whether the entropy source keeps going. With no client
  /// nobody wants more.
  hil::entropy::Continue entropy_available(Slice<uint8_t const> bytes, Result<void> status) const override {
    hil::rng::Continue more = hil::rng::Continue::Done;
    client_.map([&](hil::rng::Client const& client) { more = client.randomness_available(bytes, status); });
    return more;
  }

 private:
  StaticRef<hil::entropy::Entropy const> entropy_;
  ClientCell<hil::rng::Client> client_{};
};

}  // namespace keel::capsules
