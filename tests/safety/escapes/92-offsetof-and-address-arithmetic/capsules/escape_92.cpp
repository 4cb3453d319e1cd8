// SPDX-License-Identifier: Apache-2.0
// Extending a transfer whose buffer lies inside a larger static array.
#include <stddef.h>

#include "kernel/core/array.h"
#include "kernel/core/mmio.h"
#include "kernel/core/slice.h"

namespace keel::capsules {

struct Transfer92 {
  Slice<uint8_t> buffer;
  uint32_t position = 0;
};

void escape_92_extend(Array<Transfer92, 1>& transfers, uint32_t length) {
  uintptr_t const at = transfers.as_slice().address() + offsetof(Transfer92, buffer);
  auto& words = mmio::map_registers<Array<uintptr_t, 2>>(at);  // {data, length}
  words[1] = length;
}

}  // namespace keel::capsules
