// SPDX-License-Identifier: Apache-2.0
// Record capsule: an app passes the address of a record; the capsule marks it handled.
#include "userland/libkeel/include/keel/escape_63_record.h"
#include "kernel/syscall.h"

namespace keel::capsules {

CommandReturn escape_63_handle(uint32_t address) {
  keel_record_63& record = keel_record_63_at(address);
  record.flags = 1;
  return CommandReturn::success_u32(record.length);
}

}  // namespace keel::capsules
