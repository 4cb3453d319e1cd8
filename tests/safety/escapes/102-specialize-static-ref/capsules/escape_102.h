// SPDX-License-Identifier: Apache-2.0
// A listener registered for one request.
#pragma once

#include "kernel/core/ref.h"

namespace keel {
namespace capsules {
struct Listener102 {
  int hits = 0;
};
}  // namespace capsules

template <> class StaticRef<capsules::Listener102 const> {
 public:
  StaticRef(capsules::Listener102 const& listener) : listener_(listener) {}
  capsules::Listener102 const& get() const { return listener_; }

 private:
  capsules::Listener102 const& listener_;
};

}  // namespace keel
