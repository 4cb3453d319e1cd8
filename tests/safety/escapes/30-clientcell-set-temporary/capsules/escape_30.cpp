// SPDX-License-Identifier: Apache-2.0
// Default alarm client: counts expirations until a real client is wired.
#include "kernel/core/cell.h"
#include "kernel/core/optional_cell.h"
#include "kernel/hil/time.h"

namespace keel::capsules {

class CountingClient30 final : public hil::time::AlarmClient {
 public:
  void alarm_fired() const override { count_.set(count_.get() + 1); }

 private:
  Cell<uint32_t> count_{0};
};

class Timeout30 {
 public:
  void use_default_client() const { client_.set(CountingClient30{}); }
  bool fire() const {
    return client_.map([](hil::time::AlarmClient const& client) { client.alarm_fired(); });
  }

 private:
  ClientCell<hil::time::AlarmClient> client_{};
};

}  // namespace keel::capsules
