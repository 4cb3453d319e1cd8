// SPDX-License-Identifier: Apache-2.0
// Loader helper: whether a candidate (flash, RAM) layout would be accepted, without touching any process.
#include "kernel/process_memory.h"

namespace keel {

bool escape_108_layout_fits(AddressRange flash, AddressRange ram) {
  ProcessMemory probe;  // a scratch one: no process is changed
  return probe.claim(flash, ram).is_ok();
}

}  // namespace keel
