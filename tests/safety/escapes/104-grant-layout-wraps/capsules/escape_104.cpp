// SPDX-License-Identifier: Apache-2.0
#include "capsules/escape_104.h"

namespace keel::capsules {

CommandReturn SessionDriver104::command(uint32_t command_number, uint32_t arg0, uint32_t /*arg1*/,
                                        ProcessId pid) const {
  if (command_number == 0) { return CommandReturn::success(); }
  if (command_number != 1) { return CommandReturn::failure(ErrorCode::NoSupport); }
  Result<void> const done = grant_.enter(pid, [&](Session& session, GrantKernelData const& data) {
    session.open = arg0;
    (void)data.schedule_upcall(arg0 & (kSessionSlots - 1U), arg0, 0, 0);
  });
  return done.is_ok() ? CommandReturn::success() : CommandReturn::failure(done.error());
}

}  // namespace keel::capsules
