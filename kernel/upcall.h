// SPDX-License-Identifier: Apache-2.0
// Upcalls: a process's subscribed function (and its appdata) per (driver, subscribe number), and a pending call of
// one, queued per process until the process yields.
#pragma once

#include "kernel/core/array.h"
#include "kernel/core/types.h"

namespace keel {

struct UpcallId {
  uint32_t driver = 0;
  uint32_t subscribe_number = 0;

  friend constexpr bool operator==(UpcallId const& a, UpcallId const& b) {
    return a.driver == b.driver && a.subscribe_number == b.subscribe_number;
  }
};

/// A subscription as the process gave it. function == 0 is the null upcall (nothing to call; yield-wait-for can
/// still collect its events).
struct UpcallSlot {
  uint32_t function = 0;
  uint32_t appdata = 0;
};

struct PendingUpcall {
  UpcallId id{};
  UpcallSlot target{};
  Array<uint32_t, 3> args{};
};

}  // namespace keel
